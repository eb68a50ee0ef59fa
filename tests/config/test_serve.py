"""The server `make run` starts: daphne over the ASGI app, with no review token in its log."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_served_app_answers_and_keeps_tokens_out_of_the_access_log(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL", "DJANGO_"))}
    env.update(BUILDER_VAR_DIR=str(tmp_path), BUILDER_TESTING="0")
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):  # as `make run` does
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=300)
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "config.serve", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            token = "SeCrEtToKeN_1234567890abcdefghijklmnopqrstu"
            status = None
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/r/{token}", timeout=2)
                except urllib.error.HTTPError as exc:
                    status = exc.code
                    break
                except OSError:
                    time.sleep(0.1)
            assert status == 404
            catalog = urllib.request.urlopen(f"http://127.0.0.1:{port}/api/catalog/", timeout=5)
            assert catalog.status == 200
            time.sleep(0.3)
        finally:
            server.terminate()
            server.wait(timeout=10)
    text = log.read_text()
    assert "/api/catalog/" in text  # the access log is there...
    assert "/r/[redacted]" in text
    assert token not in text  # ...without the secret
