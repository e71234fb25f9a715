"""The PRISMA 2020 flow diagram as inline SVG (no fonts, scripts or files needed to show it)."""

from __future__ import annotations

from html import escape

from evidence.screening import PrismaCounts

__all__ = ["prisma_svg"]

_W = 860
_BOX_W = 360
_LEFT_X = 40
_RIGHT_X = 470
_LINE_H = 18


def _box(x: int, y: int, lines: list[str], width: int = _BOX_W) -> tuple[str, int]:
    height = 16 + _LINE_H * len(lines)
    parts = [f'<rect x="{x}" y="{y}" width="{width}" height="{height}" rx="4"/>']
    for i, line in enumerate(lines):
        parts.append(f'<text x="{x + 10}" y="{y + 22 + i * _LINE_H}">{escape(line)}</text>')
    return "".join(parts), height


def _arrow(x1: int, y1: int, x2: int, y2: int) -> str:
    return (
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#1f5f99" stroke-width="1.5" '
        'marker-end="url(#arrow)"/>'
    )


def prisma_svg(counts: PrismaCounts) -> str:
    """Draw identification, screening and inclusion boxes with the excluded records and their reasons."""
    parts: list[str] = []
    y = 20
    ident_lines = [f"Records identified (n = {counts.identified_total})"]
    ident_lines += [f"  {name}: {n}" for name, n in counts.identified.items()]
    box, h = _box(_LEFT_X, y, ident_lines)
    parts.append('<text class="stage" x="8" y="14">Identification</text>')
    parts.append(box)
    dup_box, dup_h = _box(_RIGHT_X, y, [f"Duplicates removed (n = {counts.duplicates_removed})"])
    parts.append(dup_box)
    parts.append(_arrow(_LEFT_X + _BOX_W, y + h // 2, _RIGHT_X, y + dup_h // 2))
    y_next = y + max(h, dup_h) + 40
    parts.append(_arrow(_LEFT_X + _BOX_W // 2, y + h, _LEFT_X + _BOX_W // 2, y_next))

    y = y_next
    parts.append(f'<text class="stage" x="8" y="{y - 8}">Screening</text>')
    box, h = _box(_LEFT_X, y, [f"Records screened (n = {counts.screened})"])
    parts.append(box)
    excl_lines = [f"Records excluded (n = {counts.excluded})"]
    excl_lines += [f"  {reason}: {n}" for reason, n in counts.excluded_reasons.items()]
    ex_box, ex_h = _box(_RIGHT_X, y, excl_lines)
    parts.append(ex_box)
    parts.append(_arrow(_LEFT_X + _BOX_W, y + h // 2, _RIGHT_X, y + h // 2))
    y_next = y + max(h, ex_h) + 40
    parts.append(_arrow(_LEFT_X + _BOX_W // 2, y + h, _LEFT_X + _BOX_W // 2, y_next))

    y = y_next
    parts.append(f'<text class="stage" x="8" y="{y - 8}">Included</text>')
    box, h = _box(_LEFT_X, y, [f"Studies included in the review (n = {counts.included})"])
    parts.append(box)
    height = y + h + 20
    defs = (
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#1f5f99"/></marker></defs>'
    )
    return (
        f'<svg class="prisma" xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{height}" '
        f'viewBox="0 0 {_W} {height}" role="img" aria-label="PRISMA 2020 flow diagram">'
        f"<title>PRISMA 2020 flow diagram</title>{defs}{''.join(parts)}</svg>"
    )
