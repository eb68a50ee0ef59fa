"""Serve the ASGI app (HTTP and WebSockets): what `make run` and the scale-out recipe start.

    python -m config.serve [-b HOST] [-p PORT] [--workers N] [--server uvicorn|daphne] [APP]

- uvicorn by default (measured against daphne in bench/README.md, "load"); ``--server daphne``
  (or ``BUILDER_SERVER=daphne``) serves with daphne instead, taking daphne's own options too.
- ``--workers N`` (or ``WEB_CONCURRENCY``): N server processes on one port (uvicorn).
- Graceful stop: on SIGTERM the server stops accepting, lets the requests in flight finish
  (at most ``--graceful-timeout`` s, default 8), closes WebSockets with 1012 (the editor
  reconnects) and exits: within 10 s.
- Review links carry their secret in the path (``/r/<token>``) and the access log writes
  every path: both servers' access logs pass through builder.logging's redaction.
- Refuses to start, with a clear message and exit status 2, when the static files were not
  collected (config.staticcheck).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, TextIO

from builder.logging import redact

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


class RedactingStream:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(redact(text))

    def flush(self) -> None:
        self.stream.flush()


def _daphne(argv: list[str]) -> None:
    from daphne import access, cli

    class RedactingAccessLog(access.AccessLogGenerator):
        def __init__(self, stream: Any) -> None:
            super().__init__(RedactingStream(stream))

    cli.AccessLogGenerator = RedactingAccessLog  # type: ignore[misc]  # daphne's CLI builds its logger from this name
    cli.CommandLineInterface().run(argv)


def uvicorn_log_config() -> dict[str, Any]:
    import uvicorn.config

    config: dict[str, Any] = {**uvicorn.config.LOGGING_CONFIG}
    config["filters"] = {"redact_tokens": {"()": "builder.logging.RedactTokens"}}
    config["handlers"] = {name: {**h, "filters": ["redact_tokens"]} for name, h in config["handlers"].items()}
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m config.serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("-b", "--bind", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=8000)
    parser.add_argument("--server", choices=["uvicorn", "daphne"], default=os.environ.get("BUILDER_SERVER", "uvicorn"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "1")))
    parser.add_argument("--graceful-timeout", type=float, default=8.0)
    parser.add_argument("app", nargs="?", default="config.asgi:application")
    args, rest = parser.parse_known_args(argv)

    import django

    django.setup()
    from config.staticcheck import missing_manifest

    if problem := missing_manifest():
        print(f"config.serve: not starting: {problem}", file=sys.stderr)
        return 2
    if args.server == "daphne":
        _daphne(["-b", args.bind, "-p", str(args.port), *rest, args.app])
        return 0
    if rest:
        parser.error(f"unknown options for uvicorn: {' '.join(rest)}")
    import uvicorn

    uvicorn.run(
        args.app,
        host=args.bind,
        port=args.port,
        workers=args.workers if args.workers > 1 else None,
        log_config=uvicorn_log_config(),
        timeout_graceful_shutdown=args.graceful_timeout,
        lifespan="off",  # Django's ASGI handler has no lifespan
        ws="websockets",
        ws_ping_interval=20,
        # No per-message compression: live editing relays many small Yjs updates to every
        # client, and deflating each one for each socket was the largest server cost left
        # (bench/collab.py, py-spy); the messages are a few bytes to a few KB.
        ws_per_message_deflate=False,
        server_header=False,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
