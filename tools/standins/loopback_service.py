"""The gunicorn-served skill on loopback, trusting a test CA: for the tests and the load bench.

python -m tools.standins.loopback_service --ca-dir DIR [--port 8000] [--workers 2] [--threads 8]

The same app and server as `make serve` (web/server.py: create_app, every check on,
SKILL_ID required), with two things replaced so that a test can sign requests itself:
Amazon's root certificates by DIR/root.pem, and the download of the signing chain by
DIR/chain.pem (served for tools.standins.signing_ca.CERT_URL only). It refuses any address but
loopback. DynamoDB and the Alexa APIs are wherever the environment points (moto's server and
the stand-in, in the tests).

start() runs it as a child process and waits until a worker answers.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from flask import Flask

from tools.standins.signing_ca import CERT_URL, SigningCA, pem
from web.alexa_certs import UntrustedCertificate
from web.server import ServerOptions, options_parser, parsed_options, serve
from web.service import MissingSkillId, create_app, is_loopback

REPO_ROOT = Path(__file__).resolve().parents[2]
IMPORT_PATH = os.pathsep.join([str(REPO_ROOT / "lambda"), str(REPO_ROOT)])
ROOT_FILE = "root.pem"
CHAIN_FILE = "chain.pem"
READY_SECONDS = 60.0


def free_port() -> int:
    """A loopback port nobody listens on right now (for a service started on it next)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def write_ca(ca: SigningCA, ca_dir: Path) -> Path:
    """Write the CA's root and the chain its certificate URL serves into ca_dir."""
    ca_dir.mkdir(parents=True, exist_ok=True)
    (ca_dir / ROOT_FILE).write_bytes(pem(ca.root))
    (ca_dir / CHAIN_FILE).write_bytes(ca.chain())
    return ca_dir


def loopback_app(ca_dir: Path) -> Flask:
    """create_app with the test CA as the only trusted root and the chain served from a file."""
    from reconnect.app import SKILL  # in the worker: the skill reads its environment once

    if SKILL.skill_id is None:
        raise MissingSkillId
    roots = x509.load_pem_x509_certificates((ca_dir / ROOT_FILE).read_bytes())
    chain = (ca_dir / CHAIN_FILE).read_bytes()

    def fetch(url: str, timeout: float) -> bytes:
        """The chain for the test certificate URL; nothing for any other."""
        if url != CERT_URL:
            raise UntrustedCertificate(f"no such certificate here: {url}")
        return chain

    return create_app(verify=True, trust_roots=roots, fetch=fetch, skill=SKILL)


@dataclass(frozen=True)
class Running:
    """A started service: its address and its process (the gunicorn master)."""

    host: str
    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        """Where Alexa would POST."""
        return f"http://{self.host}:{self.port}/"


@contextmanager
def start(
    ca_dir: Path,
    options: ServerOptions,
    env: Mapping[str, str],
    log: Path | None = None,
) -> Iterator[Running]:
    """Run the service as a child process until the block ends; wait until it answers."""
    command = [sys.executable, "-m", "tools.standins.loopback_service", "--ca-dir", str(ca_dir)]
    command += ["--host", options.host, "--port", str(options.port)]
    command += ["--workers", str(options.workers), "--threads", str(options.threads)]
    sink = log.open("ab") if log is not None else subprocess.DEVNULL
    child_env = {**env, "PYTHONPATH": IMPORT_PATH, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, env=child_env, stdout=sink, stderr=sink, cwd=REPO_ROOT)
    try:
        _wait_until_answering(options.host, options.port, process)
        yield Running(options.host, options.port, process)
    finally:
        process.terminate()  # gunicorn: graceful shutdown of the workers
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        if log is not None and not isinstance(sink, int):
            sink.close()


def _wait_until_answering(host: str, port: int, process: subprocess.Popen[bytes]) -> None:
    """Poll GET /health until a worker answers; raise if the process dies or time runs out."""
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the service exited with status {process.returncode}")
        connection = http.client.HTTPConnection(host, port, timeout=2)
        try:
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
        finally:
            connection.close()
    raise RuntimeError(f"the service did not answer within {READY_SECONDS:.0f} s")


def main(argv: list[str] | None = None) -> int:
    """Serve on loopback with the test CA in --ca-dir; refuse any other address."""
    parser = options_parser(__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--ca-dir", type=Path, required=True, help="root.pem and chain.pem")
    args = parser.parse_args(argv)
    try:
        options = parsed_options(args)
    except ValueError as error:
        parser.error(str(error))
    if not is_loopback(options.host):
        print(f"Refusing {options.host}: a test CA is trusted on loopback only.", file=sys.stderr)
        return 2
    ca_dir = args.ca_dir.resolve()
    serve(lambda: loopback_app(ca_dir), options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
