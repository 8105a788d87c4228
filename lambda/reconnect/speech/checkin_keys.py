"""The key schema of content/checkin.toml: each prompt key, with the placeholders it must use.

Check-ins, the self-check, 'how are we doing?' and reminders. `{name}` is filled with an
<alexa:name> tag for a recognised voice, so Alexa says the person's name and we never know it.
"""

from __future__ import annotations

from collections.abc import Mapping

_NONE: frozenset[str] = frozenset()
_STEP = frozenset({"step_number", "step_title"})
_MOVE = frozenset({"before", "now"})

CHECKIN_KEYS: Mapping[str, frozenset[str]] = {
    # check-ins
    "checkin_intro": _NONE,
    "partners_who": _NONE,
    "ask_rating_first": _NONE,
    "ask_rating_first_named": frozenset({"name"}),
    "rating_thanks": _NONE,
    "rating_thanks_named": frozenset({"name"}),
    "ask_rating_second": _NONE,
    "ask_rating_other": _NONE,
    "ask_rating_unheard": _NONE,
    "ask_rating_off_scale": frozenset({"number"}),
    "ask_rating_same_voice": frozenset({"name"}),
    "checkin_thanks_both": _NONE,
    "trend_first": frozenset({"now"}),
    "trend_up_week": _MOVE,
    "trend_up_month": _MOVE,
    "trend_steady_week": frozenset({"now"}),
    "trend_steady_month": frozenset({"now"}),
    "trend_down_week": _MOVE,
    "trend_down_month": _MOVE,
    "talk_about": frozenset({"question"}),
    "checkin_care": _NONE,
    "step_waiting": frozenset({"step_number"}),
    "greeting_named": frozenset({"name"}),
    # the self-check
    "selfcheck_intro": _NONE,
    "ask_sign_edge": _NONE,
    "ask_sign_avoiding": _NONE,
    "ask_sign_unseen": _NONE,
    "ask_sign_withdrawn": _NONE,
    "selfcheck_none": _NONE,
    "selfcheck_some": frozenset({"count"}),
    "selfcheck_many": frozenset({"count"}),
    "selfcheck_start": _STEP,
    "selfcheck_focus": _STEP,
    "selfcheck_keep_going": _STEP,
    "ask_go_to_step": frozenset({"step_number"}),
    "selfcheck_already_there": _NONE,
    # how are we doing
    "progress_new": _NONE,
    "progress_step": _STEP,
    "progress_practice_mode": _NONE,
    "progress_week_all": _NONE,
    "progress_week": frozenset({"days"}),
    "progress_week_one": _NONE,
    "progress_month": frozenset({"days"}),
    "progress_quiet_week": frozenset({"days"}),
    "progress_quiet_week_one": _NONE,
    "progress_rituals": frozenset({"count"}),
    "progress_rituals_one": _NONE,
    "progress_trend_up": _MOVE,
    "progress_trend_steady": frozenset({"now"}),
    "progress_trend_down": _MOVE,
    "progress_trend_level": frozenset({"now"}),
    # reminders
    "ask_reminder_time": _NONE,
    "ask_reminder_time_again": _NONE,
    "ask_reminder_time_in": frozenset({"period"}),
    "reminder_set": frozenset({"time"}),
    "reminder_moved": frozenset({"time"}),
    "reminder_text": _NONE,
    "reminder_permission_intro": _NONE,
    "reminder_declined": _NONE,
    "reminder_no_permission": _NONE,
    "reminder_unavailable": _NONE,
    "reminder_cancelled": frozenset({"time"}),
    "reminder_none": _NONE,
    "reminder_cancel_failed": _NONE,
}

# Read out by Alexa when a reminder goes off: plain text (no SSML), short.
PLAIN_KEYS: Mapping[str, int] = {"reminder_text": 200}
