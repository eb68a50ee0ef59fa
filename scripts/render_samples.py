"""Regenerate docs/samples/ (the pictures in the docs) from tests/render/samples.py.

.venv/bin/python scripts/render_samples.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.render import render  # noqa: E402
from tests.render.samples import forty, realistic  # noqa: E402

OUT = ROOT / "docs" / "samples"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    doc = realistic()
    (OUT / "realistic.png").write_bytes(render(doc, "png", "auto"))
    (OUT / "realistic.svg").write_bytes(render(doc, "svg", "auto"))
    (OUT / "realistic-canvas.png").write_bytes(render(doc, "png", "canvas"))
    shop = forty()  # the 40-component diagram of the picture-quality tests
    (OUT / "forty-canvas.png").write_bytes(render(shop, "png", "canvas"))
    (OUT / "forty-canvas.svg").write_bytes(render(shop, "svg", "canvas"))
    (OUT / "forty.png").write_bytes(render(shop, "png", "auto"))
    for f in sorted(OUT.iterdir()):
        print(f.relative_to(ROOT), f.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
