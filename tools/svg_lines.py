"""Make a Textual (Rich) SVG screenshot render the same in every viewer.

Rich writes each run of text as a <text> element in the Fira Code web font.
Where that font is not at hand (librsvg never loads web fonts; an offline
browser) the fallback font's box-drawing and block characters do not span
their cells, so card edges break into dashes, and librsvg collapses the
spaces between a key and its description. Here:

- box-drawing characters (U+2500-U+257F) and block elements (U+2580-U+259F)
  are drawn as rectangles in their cell, in the colour of their text, and
  left out of the text (a no-break space keeps the text's cells);
- the document says xml:space="preserve" and white-space: pre, so every space
  stays.

    python tools/svg_lines.py screenshots/*.svg    # in place (tools/screenshots.py does it)
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

CELL_WIDTH = 12.2  # Rich's export: 0.61 x the 20 px font
LINE_HEIGHT = 24.4  # 1.22 x the font
BASELINE = 18.5  # a row's text baseline, below the row's top
LIGHT, HEAVY, THIN = 1.8, 3.6, 1.4  # line widths (px); THIN for each line of a double one
DOUBLE_GAP = 2.4  # px from the centre to each line of a double one

# (up, right, down, left): 0 none, 1 light, 2 heavy, 3 double
_ARMS = {
    "─": (0, 1, 0, 1), "━": (0, 2, 0, 2), "│": (1, 0, 1, 0), "┃": (2, 0, 2, 0),
    "┌": (0, 1, 1, 0), "┐": (0, 0, 1, 1), "└": (1, 1, 0, 0), "┘": (1, 0, 0, 1),
    "╭": (0, 1, 1, 0), "╮": (0, 0, 1, 1), "╰": (1, 1, 0, 0), "╯": (1, 0, 0, 1),
    "┏": (0, 2, 2, 0), "┓": (0, 0, 2, 2), "┗": (2, 2, 0, 0), "┛": (2, 0, 0, 2),
    "├": (1, 1, 1, 0), "┤": (1, 0, 1, 1), "┬": (0, 1, 1, 1), "┴": (1, 1, 0, 1), "┼": (1, 1, 1, 1),
    "┣": (2, 2, 2, 0), "┫": (2, 0, 2, 2), "┳": (0, 2, 2, 2), "┻": (2, 2, 0, 2), "╋": (2, 2, 2, 2),
    "═": (0, 3, 0, 3), "║": (3, 0, 3, 0), "╔": (0, 3, 3, 0), "╗": (0, 0, 3, 3), "╚": (3, 3, 0, 0), "╝": (3, 0, 0, 3),
    "╠": (3, 3, 3, 0), "╣": (3, 0, 3, 3), "╦": (0, 3, 3, 3), "╩": (3, 3, 0, 3), "╬": (3, 3, 3, 3),
    "╒": (0, 3, 1, 0), "╕": (0, 0, 1, 3), "╘": (1, 3, 0, 0), "╛": (1, 0, 0, 3),
    "╓": (0, 1, 3, 0), "╖": (0, 0, 3, 1), "╙": (3, 1, 0, 0), "╜": (3, 0, 0, 1),
    "╴": (0, 0, 0, 1), "╵": (1, 0, 0, 0), "╶": (0, 1, 0, 0), "╷": (0, 0, 1, 0),
    "╸": (0, 0, 0, 2), "╹": (2, 0, 0, 0), "╺": (0, 2, 0, 0), "╻": (0, 0, 2, 0),
    "╼": (0, 2, 0, 1), "╾": (0, 1, 0, 2), "╽": (1, 0, 2, 0), "╿": (2, 0, 1, 0),
}
for _dashed, _solid in zip("┄┅┆┇┈┉┊┋╌╍╎╏", "─━│┃─━│┃─━│┃"):
    _ARMS[_dashed] = _ARMS[_solid]

# block elements: (left, top, right, bottom) as fractions of the cell, and an opacity
_BLOCKS = {
    "█": (0, 0, 1, 1), "▀": (0, 0, 1, 0.5), "▄": (0, 0.5, 1, 1), "▌": (0, 0, 0.5, 1), "▐": (0.5, 0, 1, 1),
    "▔": (0, 0, 1, 1 / 8), "▕": (7 / 8, 0, 1, 1),
    **{chr(0x2581 + n): (0, 1 - (n + 1) / 8, 1, 1) for n in range(7)},  # ▁▂▃▄▅▆▇
    **{chr(0x2589 + n): (0, 0, (7 - n) / 8, 1) for n in range(7)},  # ▉▊▋▌▍▎▏
}
_SHADES = {"░": 0.25, "▒": 0.5, "▓": 0.75}

_TEXT = re.compile(r'<text class="([^"]+)" x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)"([^>]*)>([^<]*)</text>')


def _rect(x: float, y: float, w: float, h: float, css: str, opacity: float = 1.0) -> str:
    fade = f' fill-opacity="{opacity}"' if opacity < 1 else ""
    return f'<rect class="{css}" x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}"{fade} shape-rendering="crispEdges"/>'


def _line_rects(arms: tuple[int, int, int, int], x: float, top: float, css: str) -> list[str]:
    up, right, down, left = arms
    cx, cy = x + CELL_WIDTH / 2, top + LINE_HEIGHT / 2
    bottom, x_right = top + LINE_HEIGHT, x + CELL_WIDTH
    out = []

    def spans(near: float, weight: int, across: bool) -> list[tuple[float, float]]:
        """(offset from the centre line, thickness) of an arm's line(s)."""
        if weight == 3:
            return [(-DOUBLE_GAP, THIN), (DOUBLE_GAP, THIN)]
        return [(0.0, LIGHT if weight == 1 else HEAVY)]

    vertical = max(up, down)
    horizontal = max(left, right)
    for weight, going_right in ((right, True), (left, False)):
        if not weight:
            continue
        for offset, width in spans(cy, weight, True):
            # a double line meeting a vertical one: its inner line stops at the inner edge
            inner = vertical and weight == 3 and ((offset > 0) == bool(down) or not up and not down)
            reach = (DOUBLE_GAP if vertical == 3 else LIGHT / 2) if vertical else 0
            start = cx + (reach if inner else -reach) if going_right else cx - (reach if inner else -reach)
            y = cy + offset - width / 2
            out.append(_rect(start, y, x_right - start, width, css) if going_right else _rect(x, y, start - x, width, css))
    for weight, going_down in ((down, True), (up, False)):
        if not weight:
            continue
        for offset, width in spans(cx, weight, False):
            inner = horizontal and weight == 3 and ((offset > 0) == bool(right))
            reach = (DOUBLE_GAP if horizontal == 3 else LIGHT / 2) if horizontal else 0
            start = cy + (reach if inner else -reach) if going_down else cy - (reach if inner else -reach)
            xx = cx + offset - width / 2
            out.append(_rect(xx, start, width, bottom - start, css) if going_down else _rect(xx, top, width, start - top, css))
    return out


def _cells_of(char: str) -> int:
    from rich.cells import cell_len

    return cell_len(char)


def _replace_text(match: re.Match) -> str:
    css, x_text, y_text, length, rest, content = match.groups()
    text = html.unescape(content)
    if not any(c in _ARMS or c in _BLOCKS or c in _SHADES for c in text):
        return match.group(0)
    x0, top = float(x_text), float(y_text) - BASELINE
    shapes: list[str] = []
    kept = []
    cell = 0
    for char in text:
        x = x0 + cell * CELL_WIDTH
        if char in _ARMS:
            shapes += _line_rects(_ARMS[char], x, top, css)
            char = "\u00a0"
        elif char in _BLOCKS or char in _SHADES:
            left, upper, right, lower = _BLOCKS.get(char, (0, 0, 1, 1))
            shapes.append(_rect(x + left * CELL_WIDTH, top + upper * LINE_HEIGHT, (right - left) * CELL_WIDTH,
                                (lower - upper) * LINE_HEIGHT, css, _SHADES.get(char, 1.0)))
            char = "\u00a0"
        kept.append(char)
        cell += _cells_of(char)
    new_text = html.escape("".join(kept), quote=False).replace("\u00a0", "&#160;")
    element = f'<text class="{css}" x="{x_text}" y="{y_text}" textLength="{length}"{rest}>{new_text}</text>'
    return element + "".join(shapes)


def portable_svg(svg: str) -> str:
    """The same picture, drawn alike by librsvg, browsers and viewers without Fira Code."""
    svg = _TEXT.sub(_replace_text, svg)
    if 'xml:space="preserve"' not in svg:
        svg = svg.replace("<svg ", '<svg xml:space="preserve" ', 1)
    svg = svg.replace(".terminal-matrix {", ".terminal-matrix {\n        white-space: pre;", 1)
    return svg


def main(paths: list[str]) -> int:
    for path in map(Path, paths):
        path.write_text(portable_svg(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
