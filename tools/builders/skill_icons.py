"""The skill's store icons, drawn by code: two candle flames leaning together on a dusk sky.

python -m tools.builders.skill_icons [--out DIR]   writes the icons (default: build/icons)

Certification asks for a 108x108 and a 512x512 PNG for every locale. The design is simple
enough to read at 108 pixels: a deep blue-to-violet dusk, and two soft flames, one coral and
one gold, leaning in until they overlap, the light they share paler (two people, one small
ritual, a shape close to a heart without drawing one). Everything sits well inside the
inscribed circle, so the Alexa app's round crop loses nothing. Drawn at four times the size
and scaled down, so every edge is smooth; the same code and the same Pillow version give the
same bytes, so `ask deploy` sees no change when nothing changed.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from functools import cache
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

REPO_ROOT = Path(__file__).resolve().parents[2]
SMALL, LARGE = 108, 512
SIZES = (SMALL, LARGE)
SUPERSAMPLE = 4
ICON_NAMES = {SMALL: "reconnect-ritual-108.png", LARGE: "reconnect-ritual-512.png"}

Colour = tuple[int, int, int]
SKY_TOP: Colour = (27, 38, 79)  # deep dusk blue
SKY_BOTTOM: Colour = (92, 64, 122)  # soft violet near the horizon
CORAL: Colour = (244, 140, 118)
GOLD: Colour = (248, 196, 113)
LENS: Colour = (255, 232, 196)  # where the two flames overlap
GLOW: Colour = (255, 190, 150)


def _sky(side: int) -> Image.Image:
    """A vertical gradient from SKY_TOP to SKY_BOTTOM."""
    mask = Image.linear_gradient("L").resize((side, side), Image.Resampling.BICUBIC)
    return Image.composite(
        Image.new("RGB", (side, side), SKY_BOTTOM), Image.new("RGB", (side, side), SKY_TOP), mask
    )


def _flame(side: int, base: tuple[float, float], height: float, lean: float) -> Image.Image:
    """A teardrop flame standing on `base`, tipped `lean` degrees, white on black (an L mask)."""
    width = height * 0.36
    points = []
    for i in range(240):
        t = 2 * math.pi * i / 240
        # A teardrop: round at the foot, drawn to a point at the tip (t = 0).
        x = width * math.sin(t) * math.sin(t / 2) ** 1.4
        y = -height * (1 + math.cos(t)) / 2
        turn = math.radians(lean)
        points.append(
            (
                base[0] + x * math.cos(turn) - y * math.sin(turn),
                base[1] + x * math.sin(turn) + y * math.cos(turn),
            )
        )
    mask = Image.new("L", (side, side), 0)
    ImageDraw.Draw(mask).polygon(points, fill=255)
    return mask


def _paint(base: Image.Image, colour: Colour, mask: Image.Image) -> Image.Image:
    """base with `colour` laid where mask is white (soft edges blend)."""
    return Image.composite(Image.new("RGB", base.size, colour), base, mask)


def draw(size: int) -> Image.Image:
    """The icon as an RGB image of size x size pixels."""
    side = size * SUPERSAMPLE
    image = _sky(side)
    foot, height, gap = side * 0.74, side * 0.5, side * 0.135
    left = _flame(side, (side / 2 - gap, foot), height, 14.0)
    right = _flame(side, (side / 2 + gap, foot), height, -14.0)

    # The glow is soft anyway: blurred at an eighth of the size, it costs a hundredth.
    small = (side // 8, side // 8)
    glow = ImageChops.lighter(left, right).resize(small, Image.Resampling.BOX)
    glow = glow.filter(ImageFilter.GaussianBlur(side * 0.01)).resize(
        (side, side), Image.Resampling.BICUBIC
    )
    image = _paint(image, GLOW, glow.point(lambda v: v * 0.55))
    image = _paint(image, CORAL, left)
    image = _paint(image, GOLD, right)
    image = _paint(image, LENS, ImageChops.multiply(left, right))
    return image.resize((size, size), Image.Resampling.LANCZOS)


@cache
def png_bytes(size: int) -> bytes:
    """The icon of `size` pixels as PNG bytes (the same bytes every time; drawn once)."""
    buffer = BytesIO()
    draw(size).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def write_icons(out_dir: Path) -> dict[int, Path]:
    """Write every icon size into out_dir; return the path of each size."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[int, Path] = {}
    for size in SIZES:
        path = out_dir / ICON_NAMES[size]
        path.write_bytes(png_bytes(size))
        written[size] = path
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Write the icons to a folder, to look at them; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.builders.skill_icons", description=__doc__
    )
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "build" / "icons")
    args = parser.parse_args(argv)
    for size, path in write_icons(args.out).items():
        print(f"{size}x{size}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
