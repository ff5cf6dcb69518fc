"""Draw the built-in pack's diagrams with Pillow: ``python scripts/draw_diagrams.py [PACK_FOLDER]``.

The diagrams are made for solecheck from shapes in this file (nothing traced or copied), without words,
so they read the same in every language; the alt text in exercises.toml says what they show. They are
drawn at four times their size and scaled down for smooth edges, then reduced to a few colours, so each
PNG is a few KB. Run it again after changing a drawing; the pack's version must then go up (one version,
one content), and the same drawing always gives the same bytes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

SCALE = 4
PAPER = (255, 255, 255)
SKIN = (246, 214, 188)
INK = (60, 48, 40)
AVOID = (200, 30, 30)
ROLL = (40, 140, 70)
BALL = (245, 200, 40)
FLOOR = (150, 150, 150)

Point = tuple[float, float]


def _canvas(width: int, height: int) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (width * SCALE, height * SCALE), PAPER)
    return image, ImageDraw.Draw(image)


def _s(*values: float) -> list[float]:
    return [v * SCALE for v in values]


def _points(points: list[Point]) -> list[tuple[float, float]]:
    return [(x * SCALE, y * SCALE) for x, y in points]


def _arrow(draw: ImageDraw.ImageDraw, start: Point, end: Point, colour: tuple[int, int, int], both: bool) -> None:
    draw.line(_points([start, end]), fill=colour, width=4 * SCALE)
    for tip, tail in ((end, start), (start, end)) if both else ((end, start),):
        dx, dy = tip[0] - tail[0], tip[1] - tail[1]
        length = (dx * dx + dy * dy) ** 0.5
        ux, uy = dx / length, dy / length
        back = (tip[0] - ux * 12, tip[1] - uy * 12)
        left = (back[0] - uy * 8, back[1] + ux * 8)
        right = (back[0] + uy * 8, back[1] - ux * 8)
        draw.polygon(_points([tip, left, right]), fill=colour)


def _cross(draw: ImageDraw.ImageDraw, centre: Point, size: float, colour: tuple[int, int, int]) -> None:
    x, y = centre
    draw.line(_points([(x - size, y - size), (x + size, y + size)]), fill=colour, width=5 * SCALE)
    draw.line(_points([(x - size, y + size), (x + size, y - size)]), fill=colour, width=5 * SCALE)


def _hatched(image: Image.Image, box: tuple[float, float, float, float], colour: tuple[int, int, int]) -> None:
    """Hatch the ellipse in ``box`` with diagonal lines and ring it."""
    left, top, right, bottom = box
    lines = Image.new("RGB", image.size, PAPER)
    hatch = ImageDraw.Draw(lines)
    for offset in range(int(left - bottom), int(right), 10):
        hatch.line(_points([(offset, bottom), (offset + (bottom - top), top)]), fill=colour, width=2 * SCALE)
    mask = Image.new("L", image.size, 0)
    ImageDraw.Draw(mask).ellipse(_s(*box), fill=255)
    image.paste(lines, (0, 0), mask)
    ImageDraw.Draw(image).ellipse(_s(*box), outline=colour, width=4 * SCALE)


def sole_areas() -> Image.Image:
    """The sole of a foot seen from below: where to roll (green) and the heel bone to avoid (red)."""
    width, height = 200, 300
    image, draw = _canvas(width, height)
    # The sole as a forefoot, a narrower midfoot with the arch on the inner (left) side, and a heel,
    # drawn once a little larger in ink and then in skin, so the outline runs round their union.
    midfoot = [(58, 118), (156, 118), (150, 200), (142, 252), (74, 252), (78, 200), (70, 160)]
    for colour, grow in ((INK, 3), (SKIN, 0)):
        draw.ellipse(_s(52 - grow, 68 - grow, 160 + grow, 160 + grow), fill=colour)
        draw.ellipse(_s(68 - grow, 206 - grow, 148 + grow, 290 + grow), fill=colour)
        if grow:  # a line centred on the edges: half of it falls outside
            draw.line(_points([*midfoot, midfoot[0]]), fill=colour, width=grow * 2 * SCALE, joint="curve")
        draw.polygon(_points(midfoot), fill=colour)
    for x, y, r in ((70, 50, 15), (97, 38, 11), (119, 40, 10), (138, 48, 9), (153, 62, 8)):
        draw.ellipse(_s(x - r, y - r * 1.2, x + r, y + r * 1.2), fill=SKIN, outline=INK, width=3 * SCALE)
    # Where to roll: the ball of the foot down to the arch.
    draw.rounded_rectangle(_s(70, 84, 144, 200), radius=28 * SCALE, outline=ROLL, width=4 * SCALE)
    _arrow(draw, (107, 98), (107, 186), ROLL, both=True)
    # The heel bone: marked to avoid, hatched and crossed.
    _hatched(image, (80, 222, 136, 278), AVOID)
    _cross(draw, (174, 250), 12, AVOID)
    return _finish(image, width, height)


def ball_roll() -> Image.Image:
    """A foot from the side, the ball under the ball of the foot, rolling towards the arch; the heel marked."""
    width, height = 320, 200
    image, draw = _canvas(width, height)
    draw.line(_s(10, 182, 310, 182), fill=FLOOR, width=3 * SCALE)
    # The ball under the front of the foot.
    draw.ellipse(_s(176, 146, 212, 182), fill=BALL, outline=INK, width=3 * SCALE)
    # The lower leg and the foot, toes to the right, resting on the ball.
    foot = [
        (96, 20), (134, 20), (136, 104), (150, 120), (196, 134), (252, 138), (286, 144), (292, 152),
        (280, 158), (214, 150), (190, 146), (150, 144), (112, 150), (84, 148), (74, 132), (84, 110), (96, 96),
    ]  # fmt: skip
    draw.polygon(_points(foot), fill=SKIN, outline=INK, width=3 * SCALE)
    # Roll from the ball of the foot back towards the arch, and forward again.
    _arrow(draw, (226, 118), (146, 104), ROLL, both=True)
    # The heel bone: not on the ball.
    draw.ellipse(_s(74, 120, 112, 154), outline=AVOID, width=4 * SCALE)
    _cross(draw, (93, 172), 9, AVOID)
    return _finish(image, width, height)


def _finish(image: Image.Image, width: int, height: int) -> Image.Image:
    small = image.resize((width, height), Image.Resampling.LANCZOS)
    return small.quantize(colors=32, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


DIAGRAMS: dict[str, Callable[[], Image.Image]] = {
    "pictures/sole-areas.png": sole_areas,
    "pictures/ball-roll.png": ball_roll,
}
"""Each diagram's path in the pack and the function drawing it."""


def write_all(pack: Path) -> list[Path]:
    """Draw every diagram into the pack folder ``pack``; returns the files written."""
    written = []
    for name, draw in DIAGRAMS.items():
        target = pack / name
        target.parent.mkdir(parents=True, exist_ok=True)
        draw().save(target, "PNG", optimize=True)
        written.append(target)
    return written


if __name__ == "__main__":
    folder = (
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "packs" / "thrive-now.foot-first"
    )
    for path in write_all(folder):
        print(f"{path}: {path.stat().st_size:,} bytes")
