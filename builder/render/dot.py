"""Run Graphviz ourselves: bounded in time, memory and output, in a fresh empty directory.

We never call ``Diagram.render``/``graphviz.render``: they write next to the CWD under a
name derived from user text and have no limits. Here the DOT goes in on stdin, the
picture comes out on stdout, and the process is killed when it overruns.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from builder.i18n import t


class RenderError(Exception):
    """Graphviz could not draw the diagram; the message is fit to show to the user (a
    :func:`builder.i18n.t` text: ``i18n.said`` says it in the reader's language)."""


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 60.0
    memory_mb: int = 2048  # address space of the dot process
    output_mb: int = 256  # biggest file dot may write (RLIMIT_FSIZE)


def _limited(command: list[str], limits: Limits) -> tuple[list[str], Callable[[], None] | None]:
    """The command wrapped so that the kernel bounds its memory, CPU time, output and core dumps.

    util-linux's ``prlimit`` sets the limits in the child before it execs: no Python runs
    between fork and exec, which ``preexec_fn`` cannot promise next to the render thread
    pool (Python's docs warn it may deadlock there). Without prlimit, fall back to it.
    """
    mem = limits.memory_mb * 1024 * 1024
    cpu = int(limits.timeout_s) + 2
    fsize = limits.output_mb * 1024 * 1024
    prlimit = shutil.which("prlimit")
    if prlimit:
        wrapper = [prlimit, f"--as={mem}", f"--cpu={cpu}", f"--fsize={fsize}", "--core=0", "--"]
        return [*wrapper, *command], None

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return command, apply


def run(
    source: str,
    fmt: str,
    *,
    engine_args: tuple[str, ...] = (),
    binary: str = "dot",
    limits: Limits | None = None,
) -> bytes:
    """``dot -T<fmt>`` on ``source``; the output bytes, or :class:`RenderError`."""
    limits = limits or Limits()
    exe = shutil.which(binary) if not os.path.isabs(binary) else binary
    if not exe:
        raise RenderError(t("Graphviz is not installed ({binary!r} not found)", binary=binary))
    with tempfile.TemporaryDirectory(prefix="render-") as work:
        command, preexec = _limited([exe, f"-T{fmt}", *engine_args], limits)
        try:
            proc = subprocess.run(
                command,
                input=source.encode("utf-8"),
                capture_output=True,
                cwd=work,  # nothing of ours to read or overwrite with a relative path
                env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "HOME": work},
                timeout=limits.timeout_s,
                preexec_fn=preexec,
                close_fds=True,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise RenderError(
                t("drawing took longer than {limit:g} s and was stopped", limit=limits.timeout_s)
            ) from None
        except OSError as exc:
            raise RenderError(t("could not start Graphviz: {error}", error=str(exc.strerror or exc))) from None
    if proc.returncode != 0 or not proc.stdout:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        detail: str = err[-1][:300] if err else ""  # Graphviz's own words, as it said them
        if proc.returncode < 0:
            detail = detail or t("killed by signal {signal} (memory or CPU limit)", signal=-proc.returncode)
        raise RenderError(
            t("Graphviz failed (exit {code}): {detail}", code=proc.returncode, detail=detail or t("no output"))
        )
    return proc.stdout
