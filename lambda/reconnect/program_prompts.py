"""The program's recurring prompts (content/prompts.toml), each with the placeholders it uses."""

from __future__ import annotations

from collections.abc import Mapping

# Every recurring prompt, with the placeholders each phrasing must use.
PROGRAM_PROMPTS: Mapping[str, frozenset[str]] = {
    "welcome_new": frozenset(),
    "greeting_return": frozenset({"step_number", "step_title"}),
    "greeting_frequent": frozenset({"step_number"}),
    "greeting_path_done": frozenset(),
    "ask_hear_today": frozenset(),
    "ask_what_next": frozenset(),
    "ask_open": frozenset(),
    "ask_more": frozenset(),
    "ask_which_step": frozenset(),
    "today_intro": frozenset({"step_number", "step_title"}),
    "step_intro": frozenset({"step_number", "step_title"}),
    "practice_intro": frozenset({"practice"}),
    "question_intro": frozenset({"question"}),
    "practice_mode_intro": frozenset({"step_number", "step_title", "practice"}),
    "more_intro": frozenset({"step_number"}),
    "list_steps_intro": frozenset(),
    "at_last_step": frozenset(),
    "at_first_step": frozenset(),
    "step_out_of_range": frozenset({"number"}),
    "step_not_heard": frozenset(),
    "stay_on_step": frozenset({"step_number"}),
    "no_problem": frozenset(),
    "nothing_pending": frozenset(),
    "help": frozenset(),
    "goodbye": frozenset(),
    "fallback": frozenset(),
    "delete_confirm": frozenset(),
    "delete_done": frozenset(),
    "delete_cancelled": frozenset(),
    "start_over_confirm": frozenset(),
    "start_over_done": frozenset({"step_title"}),
    "repeat_nothing": frozenset(),
    "error_generic": frozenset(),
    "error_storage": frozenset(),
    "error_not_saved": frozenset(),
}
