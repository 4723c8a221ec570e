"""Helpers the benchmarks (and the tests) share: free loopback ports, waiting for a process to listen on one, and the SMTP
sink that stands in for a mail server."""

from __future__ import annotations

import socket
import sys
import time


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, what: str = "anything", timeout: float = 30.0) -> None:
    """Return once something accepts connections on the loopback port; fail naming `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not answer on port {port} within {timeout:.0f} s")


def smtp_sink_command(port: int) -> list[str]:
    """aiosmtpd with its Sink handler (accepts every mail and discards it), on the loopback port."""
    return [sys.executable, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink", "-l", f"127.0.0.1:{port}"]
