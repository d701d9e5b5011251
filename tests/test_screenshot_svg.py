"""The README's screenshots render alike in librsvg and in browsers (issue 23
item 6): tools/svg_lines.py draws line and block characters as shapes in
their cells and keeps every space. Rendered here by rsvg-convert (Debian's
librsvg2-bin) and read back pixel by pixel: a card's edge is one unbroken
line from row to row, and a key is set apart from its description."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from svg_lines import CELL_WIDTH, LINE_HEIGHT, portable_svg  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("rsvg-convert") is None, reason="rsvg-convert is not installed (librsvg2-bin)")

ORIGIN = (9 + 26, 41 + 22 + 1.5)  # Rich's frame: the terminal's cells start here (x, y of the first row's top)


def svg_of(lines: list[str]) -> str:
    """A minimal Rich-style terminal picture of `lines` (one class, one colour)."""
    texts = "\n".join(
        f'<text class="terminal-r1" x="0" y="{20 + row * LINE_HEIGHT:.1f}" textLength="{len(line) * CELL_WIDTH:.1f}" '
        f'clip-path="url(#terminal-line-{row})">{line.replace(" ", "&#160;")}</text>'
        for row, line in enumerate(lines)
    )
    width, height = 80 + len(lines[0]) * CELL_WIDTH, 80 + len(lines) * LINE_HEIGHT
    return (
        f'<svg class="rich-terminal" viewBox="0 0 {width:.0f} {height:.0f}" xmlns="http://www.w3.org/2000/svg">'
        "<style>.terminal-matrix { font-family: monospace; font-size: 20px; }\n.terminal-r1 { fill: #ffffff }</style>"
        f'<rect fill="#000000" x="0" y="0" width="{width:.0f}" height="{height:.0f}"/>'
        f'<g transform="translate(26,22)"><g transform="translate(9, 41)"><g class="terminal-matrix">{texts}</g></g></g></svg>'
    )


def render(svg: str, tmp_path: Path) -> tuple[int, int, list[bytes]]:
    """rsvg-convert to PNG, decoded: width, height, rows of RGB bytes."""
    source, target = tmp_path / "in.svg", tmp_path / "out.png"
    source.write_text(svg, encoding="utf-8")
    subprocess.run(["rsvg-convert", str(source), "-o", str(target)], check=True, timeout=60)
    data = target.read_bytes()
    chunks, at = {}, 8
    while at < len(data):
        size, kind = struct.unpack(">I4s", data[at : at + 8])
        chunks.setdefault(kind, b"")
        chunks[kind] += data[at + 8 : at + 8 + size]
        at += 12 + size
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and colour in (2, 6), "8-bit RGB or RGBA expected"
    bpp = 4 if colour == 6 else 3
    raw, stride, rows, previous = zlib.decompress(chunks[b"IDAT"]), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = previous[i], previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                best = min((abs(p - left), 0, left), (abs(p - up), 1, up), (abs(p - corner), 2, corner))[2]
                line[i] = (line[i] + best) & 0xFF
        rows.append(bytes(line) if bpp == 3 else bytes(b for i, b in enumerate(line) if i % 4 != 3))
        previous = line
    return width, height, rows


def lit(rows: list[bytes], x: float, y: float) -> bool:
    pixel = rows[int(y)][int(x) * 3 : int(x) * 3 + 3]
    return sum(pixel) > 3 * 128


def test_a_box_edge_is_unbroken_from_row_to_row_and_spaces_stay(tmp_path):
    card = ["╭──────╮", "│ab  cd│", "│      │", "╰──────╯"]
    svg = portable_svg(svg_of(card))
    assert 'xml:space="preserve"' in svg
    assert not any(ch in svg for ch in "╭╮╰╯│─"), "line characters left to the font"
    _, _, rows = render(svg, tmp_path)
    x0, y0 = ORIGIN
    edge_x = x0 + CELL_WIDTH / 2  # the middle of the first column
    gaps = [y for y in range(int(y0 + LINE_HEIGHT / 2), int(y0 + 3.5 * LINE_HEIGHT)) if not lit(rows, edge_x, y)]
    assert gaps == [], f"the left edge is broken at rows {gaps[:5]}"
    middle_y = y0 + LINE_HEIGHT * 0.5  # the top edge, along its length
    assert all(lit(rows, x, middle_y) for x in range(int(x0 + CELL_WIDTH), int(x0 + 7 * CELL_WIDTH)))
    # "ab  cd": the two spaces keep their cells (librsvg collapses them without xml:space)
    text_row = y0 + LINE_HEIGHT * 1.5
    between = [x for x in range(int(x0 + 3.2 * CELL_WIDTH), int(x0 + 4.8 * CELL_WIDTH)) if lit(rows, x, text_row)]
    assert between == [], "the spaces between two words collapsed"


def test_the_committed_screenshots_are_the_portable_ones():
    for picture in sorted((ROOT / "screenshots").glob("*.svg")):
        svg = picture.read_text(encoding="utf-8")
        assert portable_svg(svg) == svg, f"{picture.name}: run tools/screenshots.py"


# Beyond ASCII and Latin-1, what the screenshots may ask of a font: each of
# these is in DejaVu Sans Mono (the usual fallback monospace) and Fira Code.
COMMON_FONT = set("·—–•…←↑→↓≡≤≥⊘⏎▲▸▼◂✓✗±×°")


def test_the_screenshots_use_no_glyph_a_common_font_lacks():
    import html
    import re

    for picture in sorted((ROOT / "screenshots").glob("*.svg")):
        texts = re.findall(r'<text class="terminal[^"]*"[^>]*>([^<]*)</text>', picture.read_text(encoding="utf-8"))
        rare = {c for c in html.unescape("".join(texts)) if ord(c) > 0xFF} - COMMON_FONT
        assert not rare, f"{picture.name}: {sorted(rare)}"
