"""Small asks that never change the step: a topic, an idea, what together time is, streaks; and
starting the path again."""

from __future__ import annotations

import pytest

from reconnect.domain import program
from reconnect.speech.content import LocaleContent
from tests.conftest import Clock
from tests.functional.conftest import words_of
from tests.functional.phrases import EN_US, closes, heard, markers, says
from tests.functional.test_checkin import check_in, stored
from tools.standins.alexa import AlexaStandIn
from tools.standins.envelopes import Session
from tools.standins.timers import TimersApi


@pytest.fixture
def couple(couple: Session) -> Session:
    """The couple, with Alexa's dialog states for the intents that have a dialog model."""
    couple.dialog_intents = frozenset({"CheckInIntent", "SetReminderIntent"})
    return couple


def test_something_to_talk_about_is_one_question_from_their_step(
    couple: Session, marked: LocaleContent
) -> None:
    """'Ask us something to talk about': one of their step's own questions, asked as a
    question for each other; the session closes (they talk to each other, not to Alexa)."""
    couple.intent("GoToStepIntent", number="4")
    topic = couple.intent("TalkTopicIntent")
    assert closes(topic)
    (talk,) = markers(topic)
    assert talk.key == "talk_about"
    assert [m.key for m in talk.value("question")] == ["program.steps.4.questions.ask"]
    assert heard(topic).count("?") == 1


def test_a_small_idea_is_a_practice_of_their_step_and_another_is_another(
    couple: Session,
) -> None:
    """'Something small we could try': a practice, not today's, and 'yes' to another gives a
    different one; the step stays."""
    couple.intent("GoToStepIntent", number="5")
    before = stored(couple)
    first = couple.intent("SmallIdeaIntent")
    second = couple.intent("AMAZON.YesIntent")
    practices = [words_of(p) for p in EN_US.step(5).practices]
    assert any(p in heard(first) for p in practices)
    assert heard(first) != heard(second)
    assert stored(couple).step == before.step


def test_what_is_together_time_explains_and_yes_starts_it(
    couple: Session, standin: AlexaStandIn, clock: Clock
) -> None:
    """'What is together time?': how the ten minutes work, then the offer; 'yes' starts it."""
    timers = TimersApi(standin, now=clock)
    couple.launch()
    about = couple.intent("AboutTogetherTimeIntent")
    assert says(about, "about_together_time")
    assert says(about, "ask_start_ritual")
    started = couple.intent("AMAZON.YesIntent")
    assert closes(started)
    assert len(timers.timers) == 6


def test_streaks_are_not_counted_but_the_days_they_made_time_are(
    couple: Session, clock: Clock
) -> None:
    """'What's our streak?': 'I don't count streaks; you made time five of the last seven days'
    (in words), whatever gaps there were."""
    for offset in (0, 1, 3, 4, 6):
        clock.now = clock.now.replace(day=20 + offset)
        check_in(couple, "six", "six")
    answer = couple.intent("StreakIntent")
    assert says(answer, "streak_days", days="five")
    assert closes(answer)


def test_start_the_path_again_asks_then_goes_to_step_one(couple: Session) -> None:
    """'Reset our progress' is 'start over': it asks first, then step one, heard."""
    couple.intent("GoToStepIntent", number="6")
    couple.end()
    couple.launch()
    asked = couple.intent("RestartPathIntent")
    assert says(asked, "start_over_confirm")
    couple.intent("AMAZON.YesIntent")
    assert stored(couple).step == 1
    assert program.is_heard(stored(couple))
