"""Together time's prompts (content/ritual.toml): each key with the placeholders it uses."""

from __future__ import annotations

from collections.abc import Mapping

# Together time's prompts live in ritual.toml. The announce_* ones become timer announcements:
# plain text, no SSML, since Alexa reads them out when a timer goes off.
RITUAL_PROMPTS: Mapping[str, frozenset[str]] = {
    "ritual_begin_timers": frozenset(),
    "ritual_begin_guided": frozenset(),
    "ritual_guided_hint": frozenset(),
    "ritual_permission_intro": frozenset(),
    "ritual_no_timers": frozenset(),
    "ritual_declined": frozenset(),
    "announce_arrive": frozenset({"prompt"}),
    "announce_appreciate": frozenset({"prompt"}),
    "announce_share": frozenset({"prompt"}),
    "announce_swap": frozenset({"prompt"}),
    "announce_need": frozenset({"prompt"}),
    "announce_promise": frozenset({"prompt"}),
    "announce_end": frozenset(),
    "ritual_paused": frozenset({"left"}),
    "ritual_already_paused": frozenset({"left"}),
    "ritual_resumed": frozenset({"part", "left"}),
    "ritual_not_paused": frozenset({"left"}),
    "ritual_stopped": frozenset(),
    "ritual_stop_leftovers": frozenset(),
    "ritual_none": frozenset(),
    "ritual_done_today": frozenset({"count"}),
    "ritual_time_left": frozenset({"part", "left"}),
    "ritual_time_left_paused": frozenset({"left"}),
    "ritual_next_timers": frozenset({"left"}),
    "ritual_restart_confirm": frozenset(),
    "ritual_carry_on": frozenset(),
}
RITUAL_PARTS = ("arrive", "appreciate", "share", "swap", "need", "promise")
RITUAL_CHANGES = ("appreciate", "share", "swap", "need", "promise", "end")
MAX_ANNOUNCEMENT_CHARS = 300  # an announcement phrasing with its prompt filled in
