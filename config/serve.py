"""Serve the ASGI app with daphne, review-link tokens redacted from the access log.

``python -m config.serve -b 127.0.0.1 -p 8000 config.asgi:application`` takes daphne's own
arguments. Review links carry their secret in the path (``/r/<token>``), and daphne writes
every path to its access log: this wraps the log stream so that no token reaches it.
"""

from __future__ import annotations

from typing import Any, TextIO

from daphne import access, cli

from builder.logging import redact


class RedactingStream:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(redact(text))

    def flush(self) -> None:
        self.stream.flush()


class RedactingAccessLog(access.AccessLogGenerator):
    def __init__(self, stream: Any) -> None:
        super().__init__(RedactingStream(stream))


cli.AccessLogGenerator = RedactingAccessLog  # type: ignore[misc]  # daphne's CLI builds its logger from this name

if __name__ == "__main__":
    cli.CommandLineInterface.entrypoint()
