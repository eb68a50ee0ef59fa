"""Logging filters. Review tokens are secrets: they must never reach a log line."""

from __future__ import annotations

import logging
import re

TOKEN_IN_PATH = re.compile(r"(/r/|/api/review/|/ws/review/)[A-Za-z0-9_-]+")


def redact(text: str) -> str:
    return TOKEN_IN_PATH.sub(r"\1[redacted]", text)


class RedactTokens(logging.Filter):
    """Rewrites review-link paths in a record's message and args (Django logs 404 paths)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        if hasattr(record, "request"):
            record.request = None  # the request object would print the full path
        return True
