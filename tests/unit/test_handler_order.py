"""The skill's handlers: each module exports its HANDLERS, and app.py asks them in one order."""

from __future__ import annotations

import pytest

from tests.unit.test_drift import handler_modules

# can_handle is asked in this order and the first yes wins (the self-check's yes before the
# general yes, the reminder's permission answer before together time's, the catch-all last).
TODAYS_ORDER = [
    "safety.Crisis",
    "builtins.Launch",
    "program.TodayStep",
    "program.HearStep",
    "program.CurrentStep",
    "program.NextStep",
    "program.PreviousStep",
    "program.GoToStep",
    "program.ListSteps",
    "program.TellMeMore",
    "program.BurnoutSigns",
    "program.StayOnStep",
    "program.StartOver",
    "talk.TalkTopic",
    "talk.SmallIdea",
    "talk.AboutTogetherTime",
    "talk.Streak",
    "data.DeleteData",
    "ritual.StartRitual",
    "ritual_controls.PauseRitual",
    "ritual_controls.ResumeRitual",
    "ritual_controls.StopRitual",
    "ritual_controls.RitualTimeLeft",
    "ritual_controls.RitualNext",
    "checkin.CheckIn",
    "selfcheck.SelfCheck",
    "selfcheck.SelfCheckAnswer",
    "progress.HowAreWeDoing",
    "reminders.SetReminder",
    "reminders.CancelReminder",
    "reminders.ReminderPermissionAnswer",
    "ritual.PermissionAnswer",
    "builtins.Yes",
    "builtins.No",
    "moments.Somewhat",
    "moments.Repeat",
    "moments.Help",
    "moments.Goodbye",
    "builtins.NavigateHome",
    "moments.Fallback",
    "builtins.SessionEnded",
    "builtins.Anything",
]


def test_the_skill_asks_its_handlers_in_the_order_it_always_has() -> None:
    """GIVEN every module's HANDLERS WHEN app.py assembles them THEN the order is today's."""
    from reconnect import app

    assembled = [
        f"{type(h).__module__.rsplit('.', 1)[-1]}.{type(h).__name__}"
        for h in app.request_handlers()
    ]
    assert assembled == TODAYS_ORDER


def test_every_module_that_exports_handlers_is_registered() -> None:
    """A new handler module's HANDLERS cannot be forgotten by app.py."""
    from reconnect import app

    assert set(app.HANDLER_MODULES) == set(handler_modules().values())


def test_a_handler_exported_but_not_ordered_stops_the_skill_from_building(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Leaving a handler out of ORDER (or naming one twice) is an error, not a silent gap."""
    from reconnect import app

    full = app.ORDER
    monkeypatch.setattr(app, "ORDER", full[:-1])
    with pytest.raises(LookupError, match="Anything"):
        app.request_handlers()
    monkeypatch.setattr(app, "ORDER", (*full, full[0]))
    with pytest.raises(LookupError):
        app.request_handlers()
