"""Where each person of a network is drawn (pure): the starting persons at the centre (one) or on
a small ring (several), the persons one step out on a ring around them, two steps out on an outer
ring. The template draws the result as inline SVG: no script, no framework, nothing fetched."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from crossroads.service.relationships import Edge, Node

SIZE = 520
_RINGS = (0.0, 150.0, 235.0)
_CENTRE = SIZE / 2


@dataclass(frozen=True)
class Point:
    entity: str
    label: str
    x: float
    y: float
    depth: int
    watched: bool


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    kind: str
    group: str


@dataclass(frozen=True)
class Drawing:
    size: int
    points: tuple[Point, ...]
    lines: tuple[Line, ...]


def layout(nodes: Sequence[Node], edges: Sequence[Edge]) -> Drawing:
    by_depth: dict[int, list[Node]] = {}
    for node in nodes:
        by_depth.setdefault(min(node.depth, len(_RINGS) - 1), []).append(node)
    points: dict[str, Point] = {}
    for depth, ring in sorted(by_depth.items()):
        radius = _RINGS[depth] if depth or len(ring) == 1 else 60.0
        for k, node in enumerate(ring):
            angle = 2 * math.pi * k / len(ring) - math.pi / 2 + depth * 0.3
            x = _CENTRE + radius * math.cos(angle)
            y = _CENTRE + radius * math.sin(angle)
            label = (node.name or node.entity)[:24]
            points[node.entity] = Point(
                node.entity, label, round(x, 1), round(y, 1), node.depth, node.watched
            )
    lines = tuple(
        Line(points[e.a].x, points[e.a].y, points[e.b].x, points[e.b].y, e.kind, e.group)
        for e in edges
        if e.a in points and e.b in points
    )
    return Drawing(SIZE, tuple(points.values()), lines)
