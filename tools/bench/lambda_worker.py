"""One fresh process of `make bench`'s Lambda rows, run by the Lambda runtime's Python (3.13).

Modes: `cold MODULE REQUEST` (init, then a new couple's first request, no apiEndpoint),
`session MODULE API_URL` (init, then a launch with the Settings API, together time in the same
session, and a second session's launch, each counted: SSL contexts built and connections
opened) and `floor` (what any skill on boto3 and the ASK SDK pays). With BENCH_CGROUP set, the
process moves itself into that cgroup-v1 cpu group after init, as Lambda gives a request only
MemorySize/1769 of a core while init runs at full speed. Nothing but `sys` and `time` is
imported before the measured import (tools.bench.worker imports only those two).
"""

from __future__ import annotations

import sys
import time

from tools.bench.worker import MARKER, Timed

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class SSLContexts:
    """Counts SSLContext objects made in this process: patches `ssl` as it is first imported.

    A meta-path finder that only answers for the name "ssl" (so it costs one string comparison
    per import); it lets the normal finders load the module, then wraps SSLContext.__new__.
    """

    def __init__(self) -> None:
        self.made = 0

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        """Find `ssl` as usual, arranging for it to be patched once loaded."""
        if name != "ssl":
            return None
        sys.meta_path.remove(self)
        specs = (f.find_spec(name, path, target) for f in sys.meta_path)
        spec = next(s for s in specs if s is not None)
        loader: Any = spec.loader
        load, counter = loader.exec_module, self

        def exec_module(module: Any) -> None:
            load(module)
            new = module.SSLContext.__new__

            def counted(cls: Any, *args: Any, **kwargs: Any) -> Any:
                counter.made += 1
                return new(cls, *args, **kwargs)

            module.SSLContext.__new__ = counted

        loader.exec_module = exec_module
        return spec


class Connections:
    """Counts outgoing connections per port, from the interpreter's `socket.connect` audit event."""

    def __init__(self) -> None:
        self.by_port: dict[int, int] = {}

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        """The audit hook."""
        if event == "socket.connect" and isinstance(args[1], tuple):
            port = args[1][1]
            self.by_port[port] = self.by_port.get(port, 0) + 1


def _init(module_name: str) -> tuple[Any, dict[str, float]]:
    """Import the Lambda module (its init phase), timed; then enter the request's CPU share."""
    wall, cpu = time.perf_counter(), time.process_time()
    module = __import__(module_name, fromlist=["lambda_handler"])
    init = {
        "init": (time.perf_counter() - wall) * 1000,
        "init_cpu": (time.process_time() - cpu) * 1000,
    }
    _enter_cgroup()
    return module, init


def _enter_cgroup() -> None:
    import os

    group = os.environ.get("BENCH_CGROUP")
    if group:
        with open(os.path.join(group, "cgroup.procs"), "w") as procs:
            procs.write(str(os.getpid()))


def cold(module_name: str, request: str) -> dict[str, Any]:
    """Init, then a new couple's first request (no apiEndpoint): the cold start."""
    module, result = _init(module_name)
    from tools.bench.worker import LAUNCH, TODAY, _check, _send, _session

    timed = Timed(module.lambda_handler)
    _check(_send(_session(timed), LAUNCH if request == "launch" else TODAY))
    return {**result, "first": timed.wall_ms, "first_cpu": timed.cpu_ms}


def session(module_name: str, api_url: str) -> dict[str, Any]:
    """A new couple's launch (Settings API), together time, then a second session's launch."""
    contexts = SSLContexts()
    sys.meta_path.insert(0, contexts)
    module, init = _init(module_name)
    connections = Connections()
    sys.addaudithook(connections)
    from urllib.parse import urlsplit

    from tools.bench.worker import API_TOKEN, LAUNCH, _check, _send, _user
    from tools.standins.envelopes import Device, Session

    api_port = urlsplit(api_url).port
    result: dict[str, Any] = {**init, "init_contexts": contexts.made}
    timed = Timed(module.lambda_handler)
    device = Device(user_id=_user(), api_endpoint=api_url, api_token=API_TOKEN)
    couple = Session(timed, device)
    steps: list[tuple[str, Any]] = [
        ("launch", lambda s: _send(s, LAUNCH)),
        ("together", lambda s: s.intent("StartRitualIntent")),
        ("second launch", lambda s: (s.end(), _send(s, LAUNCH))[1]),
    ]
    for name, step in steps:
        made, ports = contexts.made, dict(connections.by_port)
        _check(step(couple))
        opened = {p: n - ports.get(p, 0) for p, n in connections.by_port.items()}
        result[name] = {
            "wall": timed.wall_ms,
            "cpu": timed.cpu_ms,
            "contexts": contexts.made - made,
            "api_connections": opened.get(api_port or -1, 0),
            "other_connections": sum(n for p, n in opened.items() if p != api_port),
        }
    return result


def floor() -> dict[str, Any]:
    """What any skill on boto3 and the ASK SDK pays before its own code: the shared floor."""
    wall, cpu = time.perf_counter(), time.process_time()
    import boto3
    from ask_sdk_core import skill_builder

    boto3.client("dynamodb")
    assert skill_builder is not None
    init_ms, init_cpu_ms = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
    return {"init": init_ms, "init_cpu": init_cpu_ms, "first": 0.0, "first_cpu": 0.0}


def main(argv: list[str]) -> int:
    """Run one mode and print its result as the last line of stdout."""
    if argv[0] == "cold":
        result = cold(argv[1], argv[2])
    elif argv[0] == "session":
        result = session(argv[1], argv[2])
    else:
        result = floor()
    import json

    print(MARKER + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
