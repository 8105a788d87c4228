"""What runs inside each fresh process of `make bench`; prints one BENCH_RESULT JSON line.

Modes: `cold SKILL REQUEST`, `memory SKILL` (SKILL: ours or baseline), `warm COUNT [API_URL]`
and `calls` (the last two in-process, DynamoDB in memory). Only `sys` and `time` are imported
before the measured import: anything imported first would come free to the skill under test.
"""

from __future__ import annotations

import sys
import time

TYPE_CHECKING = False  # `typing` itself is not imported before the measured import
if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime
    from typing import Any, TypeAlias

    from tools.bench.fake_dynamodb import FakeDynamoDB
    from tools.standins.envelopes import Session

    Item: TypeAlias = str | tuple[str, dict[str, str]]  # LAUNCH, END or (intent, slots)
    Turn: TypeAlias = tuple[str, list[Item], Item]  # how the session starts, set-up, measured
    Row: TypeAlias = tuple[str, str, bool, int | None, list[Item], Item]

MARKER = "BENCH_RESULT "
API_TOKEN = "local-api-token"  # noqa: S105 - the Alexa stand-in's default bearer token
SKILLS = {"ours": "reconnect.app", "baseline": "tools.bench.baseline"}
SETTINGS_LABEL = "LaunchRequest + Settings API (loopback)"
LAUNCH, END = "launch", "end"
ROUNDS = 20
IN_SESSION, EARLIER_TODAY = "in session, after launch", "one-shot, visited earlier today"


def _i(name: str, **slots: str) -> tuple[str, dict[str, str]]:
    return (name, slots)


YES, HELP = _i("AMAZON.YesIntent"), _i("AMAZON.HelpIntent")
TODAY, GO_TO_3 = _i("TodayStepIntent"), _i("GoToStepIntent", number="3")


class Timed:
    """Wraps a Lambda handler and keeps the wall and CPU time of its last call, in ms."""

    def __init__(self, handler: Callable[[dict[str, Any], Any], dict[str, Any]]) -> None:
        self.handler = handler
        self.wall_ms = self.cpu_ms = 0.0

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        """Call the handler, timing it."""
        wall, cpu = time.perf_counter(), time.thread_time()
        answer = self.handler(event, context)
        self.wall_ms = (time.perf_counter() - wall) * 1000
        self.cpu_ms = (time.thread_time() - cpu) * 1000
        return answer


def cold(skill: str, request: str) -> dict[str, Any]:
    """Import the skill's Lambda module, then answer its first request (a new couple's)."""
    wall, cpu = time.perf_counter(), time.process_time()
    module = __import__(SKILLS[skill], fromlist=["lambda_handler"])
    init_ms, init_cpu_ms = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
    timed = Timed(module.lambda_handler)
    _check(_send(_session(timed), LAUNCH if request == "launch" else TODAY))
    return {"init": init_ms, "first": timed.wall_ms, "cpu": init_cpu_ms + timed.cpu_ms}


def floor() -> dict[str, Any]:
    """What any skill on boto3 and the ASK SDK pays before its own code: the shared floor."""
    wall, cpu = time.perf_counter(), time.process_time()
    import boto3
    from ask_sdk_core.skill_builder import CustomSkillBuilder

    boto3.client("dynamodb")
    assert CustomSkillBuilder is not None
    init_ms, init_cpu_ms = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
    return {"init": init_ms, "first": 0.0, "cpu": init_cpu_ms}


def memory(skill: str) -> dict[str, Any]:
    """Peak RSS (VmHWM) after importing the skill and answering 50 requests over HTTP."""
    handler = __import__(SKILLS[skill], fromlist=["lambda_handler"]).lambda_handler
    session = _session(handler)
    turns: list[Item] = [LAUNCH, TODAY, HELP, _i("AMAZON.StopIntent")]
    for number in range(50):
        _check(_send(session, turns[number % len(turns)]))
    # ru_maxrss is no use here: Linux carries the parent's peak over fork and exec.
    with open("/proc/self/status") as status:
        peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    return {"peak_rss_mb": peak_kb / 1024}


def warm(count: int, api_url: str | None) -> dict[str, Any]:
    """Latency per request type, in-process, DynamoDB in memory; then launches with the API."""
    import os

    from tools.standins.envelopes import Device

    timed = Timed(_injected()[0])
    turns = _warm_turns()
    runs: list[tuple[str, Turn, Any, int]] = [(k, t, None, count) for k, t in turns.items()]
    if api_url:
        device = Device(user_id=_user(), api_endpoint=api_url, api_token=API_TOKEN)
        runs.append((SETTINGS_LABEL, turns["LaunchRequest (returning)"], device, count // 10))
    samples: dict[str, dict[str, list[float]]] = {k: {"wall": [], "cpu": []} for k, *_ in runs}
    with open(os.devnull, "w") as sink:
        warnings = _quiet(sink)
        sessions = {label: _session(timed, device, seen=True) for label, _, device, _ in runs}
        for _ in range(ROUNDS):  # request types take turns, so noise on the machine hits all
            for label, turn, _, times in runs:
                for _ in range(max(times // ROUNDS, 1)):
                    _turn(sessions[label], turn)
                    samples[label]["wall"].append(timed.wall_ms)
                    samples[label]["cpu"].append(timed.cpu_ms)
    return {"samples": samples, "warnings": warnings}


def _turn(session: Session, turn: Turn) -> None:
    """Do the turn's untimed set-up, then send the measured request last."""
    start, setup, measured = turn
    if start == "new":
        session.device.user_id = _user()
    if start != "open":
        session.session_id = None  # walk away: the next request opens a new session
    for item in [*setup, measured]:
        if start == "open" and not session.open:
            session.launch()
        _send(session, item)


def _warm_turns() -> dict[str, Turn]:
    return {
        "LaunchRequest (new couple)": ("new", [], LAUNCH),
        "LaunchRequest (returning)": ("fresh", [], LAUNCH),
        "TodayStepIntent (one-shot)": ("fresh", [], TODAY),
        "NextStepIntent (in session)": ("open", [GO_TO_3], _i("NextStepIntent")),
        "GoToStepIntent (in session)": ("open", [GO_TO_3], _i("GoToStepIntent", number="5")),
        "AMAZON.HelpIntent (in session)": ("open", [], HELP),
        "ListStepsIntent (in session)": ("open", [], _i("ListStepsIntent")),
        "AMAZON.RepeatIntent (in session)": ("open", [], _i("AMAZON.RepeatIntent")),
        "AMAZON.YesIntent (after launch)": ("fresh", [LAUNCH], YES),
        "AMAZON.NoIntent (after launch)": ("fresh", [LAUNCH], _i("AMAZON.NoIntent")),
        "SessionEndedRequest (in session)": ("open", [], END),
        "CrisisIntent (one-shot)": ("fresh", [], _i("CrisisIntent")),
    }


def calls() -> dict[str, Any]:
    """DynamoDB operations per session and per request type, counted on the in-memory client."""
    import os

    from tools.standins.envelopes import Device, Session

    handler, fake = _injected()

    def count(seen: int | None, before: list[Item], measured: list[Item]) -> dict[str, int]:
        device = Device(user_id=_user())
        if seen is not None:  # the couple's first visit, on day `seen`
            Session(handler, device, clock=_clock(seen)).launch()
        session = Session(handler, device, clock=_clock(1))
        for item in before:
            _send(session, item)
        start = dict(fake.calls)
        for item in measured:
            _check(_send(session, item), silent_ok=item == END)
        return {op: fake.calls[op] - start[op] for op in fake.calls}

    flow: list[Item] = [LAUNCH, YES, _i("NextStepIntent"), HELP, _i("AMAZON.StopIntent")]
    histories = [("new couple", None), ("returning, first visit of the day", 0)]
    histories.append(("returning, again the same day", 1))
    with open(os.devnull, "w") as sink:
        warnings = _quiet(sink)
        sessions = [{"couple": label, **count(seen, [], flow)} for label, seen in histories]
        rows = [
            {"request": req, "context": ctx, "read_only": ro, **count(seen, before, [item])}
            for req, ctx, ro, seen, before, item in _call_rows()
        ]
    flow_text = "launch, yes, next step, help, stop"
    return {"flow": flow_text, "sessions": sessions, "rows": rows, "warnings": warnings}


def _call_rows() -> list[Row]:
    """(request, context, read-only?, day of first visit, set-up, measured request)."""
    rows: list[Row] = [
        ("LaunchRequest", "new couple", False, None, [], LAUNCH),
        ("LaunchRequest", "returning, first visit of the day", False, 0, [], LAUNCH),
        ("LaunchRequest", "returning, again the same day", False, 1, [], LAUNCH),
        ("TodayStepIntent", "one-shot, first time today", False, 0, [], TODAY),
        ("TodayStepIntent", "one-shot, second time the same day", True, 1, [TODAY], TODAY),
        ("AMAZON.YesIntent", "today's step offered at launch", False, 0, [LAUNCH], YES),
        ("AMAZON.YesIntent", "today's step, second time today", True, 1, [TODAY, LAUNCH], YES),
        ("AMAZON.HelpIntent", "one-shot, first visit of the day", False, 0, [], HELP),
        ("GoToStepIntent", IN_SESSION, False, 1, [LAUNCH], _i("GoToStepIntent", number="5")),
        ("CrisisIntent", EARLIER_TODAY, False, 1, [], _i("CrisisIntent")),
        ("SessionEndedRequest", IN_SESSION, False, 1, [LAUNCH], END),
        ("StartOver + Yes", IN_SESSION, False, 1, [LAUNCH, _i("AMAZON.StartOverIntent")], YES),
        ("DeleteData + Yes", IN_SESSION, False, 1, [LAUNCH, _i("DeleteDataIntent")], YES),
    ]
    for name in ("NextStepIntent", "PreviousStepIntent", "StayOnStepIntent", "AMAZON.NoIntent"):
        rows.append((name, IN_SESSION, False, 1, [LAUNCH, GO_TO_3], _i(name)))
    for name in ("AMAZON.FallbackIntent", "AMAZON.StopIntent"):
        rows.append((name, IN_SESSION, False, 1, [LAUNCH], _i(name)))
    read_only = ["AMAZON.HelpIntent", "ListStepsIntent", "TellMeMoreIntent", "BurnoutSignsIntent"]
    for name in [*read_only, "AMAZON.RepeatIntent"]:
        rows.append((name, IN_SESSION, True, 1, [LAUNCH], _i(name)))
    for name in read_only:
        rows.append((name, EARLIER_TODAY, True, 1, [], _i(name)))
    return rows


def _injected() -> tuple[Callable[[dict[str, Any], Any], dict[str, Any]], FakeDynamoDB]:
    """The skill's own lambda_handler, with app.SKILL rebuilt around an in-memory DynamoDB."""
    from typing import cast

    from reconnect import app
    from reconnect.store import Store
    from tools.bench.fake_dynamodb import FakeDynamoDB

    fake = FakeDynamoDB()
    app.SKILL = app.build_skill(Store(cast("Any", fake), app.SETTINGS.table_name))
    return app.lambda_handler, fake


def _quiet(sink: Any) -> list[str]:
    """Keep formatting the skill's JSON log lines but write them nowhere; list its warnings."""
    import logging

    logger, warnings = logging.getLogger("reconnect"), []
    for handler in logger.handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(sink)

    class Warnings(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            warnings.append(record.getMessage())

    logger.addHandler(Warnings(logging.WARNING))
    return warnings


def _session(handler: Any, device: Any = None, seen: bool = False) -> Session:
    """A session for a new couple (or `device`); with `seen`, their first visit is behind them."""
    from tools.standins.envelopes import Device, Session

    session = Session(handler, device or Device(user_id=_user()), clock=_clock(1))
    if seen:
        session.launch()
        session.end()
    return session


def _clock(day: int) -> Callable[[], datetime]:
    from datetime import UTC, datetime, timedelta

    moment = datetime(2026, 11, 24, 17, 0, tzinfo=UTC) + timedelta(days=day)
    return lambda: moment


def _user() -> str:
    import uuid

    return f"amzn1.ask.account.BENCH{uuid.uuid4().hex.upper()}"


def _send(session: Session, item: Item) -> dict[str, Any]:
    if isinstance(item, tuple):
        return session.intent(item[0], **item[1])
    if item == END:
        return session.end() or {}
    return session.send({"type": "LaunchRequest"})


def _check(answer: dict[str, Any], silent_ok: bool = False) -> None:
    if not (answer.get("response") or {}).get("outputSpeech") and not silent_ok:
        raise RuntimeError(f"the skill did not speak: {answer}")


def main(argv: list[str]) -> int:
    """Run one mode and print its result as the last line of stdout."""
    modes: dict[str, Callable[[], dict[str, Any]]] = {
        "cold": lambda: cold(argv[1], argv[2]),
        "memory": lambda: memory(argv[1]),
        "warm": lambda: warm(int(argv[1]), argv[2] if len(argv) > 2 else None),
        "calls": calls,
        "floor": floor,
    }
    result = modes[argv[0]]()
    import json

    print(MARKER + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
