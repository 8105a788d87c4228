"""The skill's web service under gunicorn, a production WSGI server: what `make serve` runs.

python -m web.server [--host 127.0.0.1] [--port 8000] [--workers 2] [--threads 8]
                     [--forwarded-allow-ips 127.0.0.1,::1]

The app is web/service.py's, verification unchanged: Alexa's signature, certificate
chain, timestamp and this skill's id (SKILL_ID, required) on every request. gunicorn adds what
Werkzeug's development server lacks: a master that restarts a dead or stuck worker, worker
processes that share the cores, graceful reloads (HUP) and shutdowns (TERM).

Workers are processes (one per core), threads serve requests inside each: a turn spends most
of its time waiting on DynamoDB and the Alexa APIs, so gthread workers with several threads
keep a core busy. Each worker builds its own skill and boto3 client after the fork.

TLS is not gunicorn's job here: put it behind nginx or a load balancer that terminates HTTPS
(Alexa requires a trusted certificate on port 443) and forwards to this address; give the
proxy's address to --forwarded-allow-ips so X-Forwarded-* from it are believed (the checks
do not depend on them: the signature covers the body). See the README's self-hosting section.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from reconnect import config
from web.service import MissingSkillId, check_skill_id, verified_app

AppFactory = Callable[[], Flask]


@dataclass(frozen=True)
class ServerOptions:
    """How gunicorn serves the app: where, with how many workers and threads."""

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    threads: int = 8
    forwarded_allow_ips: str = "127.0.0.1,::1"
    timeout: int = 30  # a worker silent this long is killed and replaced (Alexa waits 8 s)

    def settings(self) -> dict[str, Any]:
        """gunicorn's settings for these options."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return {
            "bind": [f"{host}:{self.port}"],
            "workers": self.workers,
            "threads": self.threads,
            "worker_class": "gthread",
            "timeout": self.timeout,
            "graceful_timeout": 10,
            "keepalive": 5,  # seconds; a proxy's upstream keep-alive reuses connections
            "forwarded_allow_ips": self.forwarded_allow_ips,
            "preload_app": False,  # each worker imports the skill itself, after the fork
            "accesslog": None,  # the app logs one JSON line per request
            "errorlog": "-",
            "loglevel": "info",
            "proc_name": "reconnect-ritual",
            # gunicorn's control socket sits at one path per user: a second server (another
            # stage, the tests, the bench) would take it over. Signals do the same job.
            "control_socket_disable": True,
        }


class SkillServer(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
    """gunicorn serving the app a factory builds, configured in code rather than a file."""

    def __init__(self, factory: AppFactory, options: ServerOptions) -> None:
        self._factory = factory
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        """Put the options into gunicorn's configuration."""
        for name, value in self._options.settings().items():
            self.cfg.set(name, value)

    def load(self) -> Flask:
        """Build the app (in each worker, after the fork)."""
        return self._factory()


def serve(factory: AppFactory, options: ServerOptions) -> None:
    """Run gunicorn in this process until it is told to stop."""
    SkillServer(factory, options).run()


def options_parser(description: str | None) -> argparse.ArgumentParser:
    """The command-line options of a gunicorn-served skill."""
    defaults = ServerOptions()
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--host", default=defaults.host, help="address to listen on")
    parser.add_argument("--port", type=int, default=defaults.port, help="port to listen on")
    parser.add_argument(
        "--workers", type=int, default=defaults.workers, help="worker processes (one per core)"
    )
    parser.add_argument(
        "--threads", type=int, default=defaults.threads, help="request threads in each worker"
    )
    parser.add_argument(
        "--forwarded-allow-ips",
        default=defaults.forwarded_allow_ips,
        help="proxies whose X-Forwarded-* headers are believed (comma-separated)",
    )
    return parser


def parsed_options(args: argparse.Namespace) -> ServerOptions:
    """ServerOptions from parsed arguments; raise ValueError when out of range."""
    if not 0 < args.port < 65536 or args.workers < 1 or args.threads < 1:
        raise ValueError("the port must be 1-65535, workers and threads at least 1")
    return ServerOptions(args.host, args.port, args.workers, args.threads, args.forwarded_allow_ips)


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the skill under gunicorn until stopped; refuse to start without a real SKILL_ID."""
    parser = options_parser(__doc__.splitlines()[0] if __doc__ else None)
    args = parser.parse_args(argv)
    try:
        options = parsed_options(args)
    except ValueError as error:
        parser.error(str(error))
    try:
        check_skill_id(config.from_env().skill_id)  # checked before any worker starts
    except MissingSkillId as refusal:
        print(refusal, file=sys.stderr)
        return 2
    serve(verified_app, options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
