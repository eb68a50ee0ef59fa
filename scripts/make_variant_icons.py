"""Draw the variant icons that diagrams does not ship, once, into builder/static/builder/icons/.

diagrams 0.25.1 has no icon for Lambda@Edge, CloudFront Functions, RDS Proxy or Cognito
identity pools. Each variant is the closest diagrams icon with a round badge in the
bottom-right corner, so it reads as "a kind of" that service at a glance and keeps the
AWS look (same 300 px canvas, same rounded square).

The PNGs are committed; run this again only to change them:

    .venv/bin/pip install pillow==11.3.0   # not a runtime dependency
    .venv/bin/python scripts/make_variant_icons.py
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.catalog import BUILDER_ICONS, DIAGRAMS_RESOURCES  # noqa: E402

SS = 4  # supersampling factor: Pillow draws without anti-aliasing, so draw big and shrink
Glyph = Callable[[ImageDraw.ImageDraw, tuple[float, float], float, tuple[int, int, int]], None]


def _globe(d: ImageDraw.ImageDraw, c: tuple[float, float], r: float, color: tuple[int, int, int]) -> None:
    """A wire globe: edge locations around the world."""
    x, y = c
    w = max(2, round(r * 0.13))
    d.ellipse((x - r, y - r, x + r, y + r), outline=color, width=w)
    d.ellipse((x - r * 0.45, y - r, x + r * 0.45, y + r), outline=color, width=w)
    d.line((x - r, y, x + r, y), fill=color, width=w)
    for dy in (-0.5, 0.5):
        half = r * (1 - dy * dy) ** 0.5
        d.line((x - half, y + dy * r, x + half, y + dy * r), fill=color, width=w)
    d.line((x, y - r, x, y + r), fill=color, width=w)


def _function(d: ImageDraw.ImageDraw, c: tuple[float, float], r: float, color: tuple[int, int, int]) -> None:
    """A script "f": a function running at the edge."""
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif-BoldItalic.ttf", round(r * 2.1))
    d.text(c, "\u0192", font=font, fill=color, anchor="mm")


def _proxy(d: ImageDraw.ImageDraw, c: tuple[float, float], r: float, color: tuple[int, int, int]) -> None:
    """Three connections pooled into one: what RDS Proxy does."""
    x, y = c
    w = max(2, round(r * 0.16))
    hub = (x + r * 0.25, y)
    for dy in (-0.6, 0.0, 0.6):
        d.line((x - r * 0.85, y + dy * r, *hub), fill=color, width=w)
    d.line((*hub, x + r * 0.85, y), fill=color, width=w)
    for px, py in ((x - r * 0.85, y - 0.6 * r), (x - r * 0.85, y), (x - r * 0.85, y + 0.6 * r)):
        d.ellipse((px - w, py - w, px + w, py + w), fill=color)
    d.ellipse((hub[0] - w * 1.6, hub[1] - w * 1.6, hub[0] + w * 1.6, hub[1] + w * 1.6), fill=color)
    # Arrow head: the pool hands connections to the database.
    tip = x + r * 0.95
    d.polygon(((tip, y), (tip - r * 0.35, y - r * 0.28), (tip - r * 0.35, y + r * 0.28)), fill=color)


def _key(d: ImageDraw.ImageDraw, c: tuple[float, float], r: float, color: tuple[int, int, int]) -> None:
    """A key: identity pools hand out AWS credentials."""
    x, y = c
    w = max(2, round(r * 0.17))
    bow = r * 0.42
    bx = x - r * 0.45
    d.ellipse((bx - bow, y - bow, bx + bow, y + bow), outline=color, width=w)
    d.line((bx + bow, y, x + r * 0.9, y), fill=color, width=w)
    for tx, depth in ((x + r * 0.55, 0.38), (x + r * 0.85, 0.3)):
        d.line((tx, y, tx, y + r * depth), fill=color, width=w)


VARIANTS: dict[str, tuple[str, Glyph]] = {
    "lambda-edge.png": ("aws/compute/lambda.png", _globe),
    "cloudfront-function.png": ("aws/network/cloudfront.png", _function),
    "rds-proxy.png": ("aws/database/aurora.png", _proxy),
    "cognito-identity-pool.png": ("aws/security/cognito.png", _key),
}


def make(base: Path, glyph: Glyph) -> Image.Image:
    icon = Image.open(base).convert("RGBA")
    size = icon.width
    big = icon.resize((size * SS, size * SS), Image.Resampling.LANCZOS)
    d = ImageDraw.Draw(big)
    # The service colour, sampled near the badge so the ring matches the gradient there.
    color = big.getpixel((round(size * SS * 0.78), round(size * SS * 0.95)))[:3]
    r = size * SS * 0.2
    c = (size * SS - r - size * SS * 0.035, size * SS - r - size * SS * 0.035)
    ring = size * SS * 0.025
    d.ellipse((c[0] - r - ring, c[1] - r - ring, c[0] + r + ring, c[1] + r + ring), fill=(255, 255, 255, 255))
    d.ellipse(
        (c[0] - r, c[1] - r, c[0] + r, c[1] + r), fill=(255, 255, 255, 255), outline=color, width=round(ring * 0.9)
    )
    glyph(d, c, r * 0.62, color)
    return big.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    BUILDER_ICONS.mkdir(parents=True, exist_ok=True)
    for name, (base, glyph) in VARIANTS.items():
        out = BUILDER_ICONS / name
        # optimize + no metadata: stable, small files in git.
        make(DIAGRAMS_RESOURCES / base, glyph).save(out, optimize=True)
        print(out.relative_to(ROOT), out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
