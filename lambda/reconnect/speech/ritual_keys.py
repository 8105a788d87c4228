"""The key schema of content/ritual.toml: each prompt key, with the placeholders it uses."""

from __future__ import annotations

from collections.abc import Mapping

from reconnect.domain.ritual import Part

# Together time's prompts live in ritual.toml. The announce_* ones become timer announcements:
# plain text, no SSML, since Alexa reads them out when a timer goes off.
RITUAL_KEYS: Mapping[str, frozenset[str]] = {
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
PART_KEYS = tuple(part.value for part in Part)  # ritual.toml names and prompts every part
CHANGE_KEYS = ("appreciate", "share", "swap", "need", "promise", "end")
MAX_ANNOUNCEMENT_CHARS = 300  # an announcement phrasing with its prompt filled in
