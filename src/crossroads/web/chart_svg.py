"""Where the bars of a chart go (pure): grouped vertical bars for figures per month, horizontal bars
for figures per status or municipality, and a sparkline for an indicator's history. The templates
draw the result as inline SVG with a title, a description and the same figures in a table: no
script, nothing fetched. A suppressed count ("<5") is drawn as a short hatched stub, never as a
number it is not."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from crossroads.service.figures import SMALL, Cell

WIDTH = 720
_STUB = SMALL / 2  # the height a suppressed count is drawn at: somewhere between 1 and 4


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    label: str  # the category (month, status, municipality)
    value: Cell
    suppressed: bool


@dataclass(frozen=True)
class Tick:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    labels: tuple[Tick, ...]  # category labels
    scale: tuple[Tick, ...]  # value axis
    top: int  # the largest value shown


def _number(value: Cell) -> float:
    return _STUB if isinstance(value, str) else float(value)


def _top(values: Sequence[Cell]) -> int:
    return max([1, *(int(_number(v)) + (1 if isinstance(v, str) else 0) for v in values)])


#: Room a category label needs under a column chart ("2015-03" at the chart's font size).
LABEL_WIDTH = 60.0


def columns(categories: Sequence[str], series: Sequence[Sequence[Cell]], height: int = 240) -> Chart:
    """Grouped vertical bars: one group per category (month), one bar per series in it."""
    left, bottom, top_pad = 40.0, 40.0, 10.0
    plot = height - bottom - top_pad
    top = _top([v for s in series for v in s])
    slot = (WIDTH - left - 10) / max(len(categories), 1)
    width = max(slot * 0.8 / max(len(series), 1), 1.0)
    bars, labels = [], []
    # A label where there is room for it: a month ("2015-03") takes about 60 units at the chart's size.
    every = max(1, math.ceil(LABEL_WIDTH / slot))
    for i, category in enumerate(categories):
        for k, values in enumerate(series):
            h = plot * _number(values[i]) / top
            x = left + i * slot + slot * 0.1 + k * width
            bars.append(Bar(round(x, 1), round(top_pad + plot - h, 1), round(width, 1), round(h, 1), k,
                            category, values[i], isinstance(values[i], str)))  # fmt: skip
        if i % every == 0:
            labels.append(Tick(round(left + i * slot + slot / 2, 1), height - bottom + 16, category))
    marks = sorted({0, top // 2, top})
    scale = tuple(Tick(left - 6, round(top_pad + plot - plot * m / top, 1), str(m)) for m in marks)
    return Chart(WIDTH, height, tuple(bars), tuple(labels), scale, top)


def rows(categories: Sequence[str], values: Sequence[Cell]) -> Chart:
    """Horizontal bars, one a category (a status, a municipality), labels on the left."""
    left, line = 220.0, 22.0
    height = int(line * max(len(categories), 1) + 30)
    top = _top(values)
    plot = WIDTH - left - 60
    bars, labels = [], []
    for i, (category, value) in enumerate(zip(categories, values, strict=True)):
        y = 10 + i * line
        w = plot * _number(value) / top
        bars.append(Bar(left, y, round(w, 1), line - 6, 0, category, value, isinstance(value, str)))
        labels.append(Tick(left - 8, y + line / 2, category[:32]))
    return Chart(WIDTH, height, tuple(bars), tuple(labels), (), top)


def sparkline(values: Sequence[Cell], width: int = 160, height: int = 36) -> str:
    """The points of a polyline through the values, left to right ("" for fewer than two)."""
    if len(values) < 2:
        return ""
    top = _top(values)
    step = (width - 4) / (len(values) - 1)
    return " ".join(
        f"{2 + i * step:.1f},{height - 2 - (height - 4) * _number(v) / top:.1f}" for i, v in enumerate(values)
    )
