"""The Cells page: the watched persons of the reader's agency and their connected associates,
grouped into cells, each drawn (inline SVG) and listed. (The person page's Network section is
``pages.person_page``; both call ``service.relationships`` like the API.)"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from crossroads.api.callers import Caller, store_of
from crossroads.records.relations import INVERSE
from crossroads.service import relationships
from crossroads.web import i18n
from crossroads.web.labels import RELATION_GROUPS, RELATION_KINDS
from crossroads.web.network_svg import layout
from crossroads.web.rendering import language, page, signed

router = APIRouter(include_in_schema=False)
Signed = Annotated[Caller, Depends(signed)]


def kind_labels(request: Request) -> tuple[dict[str, str], dict[str, str]]:
    words = i18n.translations(language(request))
    kinds = {k: words.gettext(v) for k, v in RELATION_KINDS.items()}
    groups = {k: words.gettext(v) for k, v in RELATION_GROUPS.items()}
    return kinds, groups


def direct_relations(
    network: relationships.Network,
) -> list[tuple[str, list[tuple[str, str, str, tuple[str, ...]]]]]:
    """The starting person's own relations, by group: (kind, other person, their name, evidence);
    the kind says what the other is to the person (an edge is kept in one direction only)."""
    names = {n.entity: n.name for n in network.nodes}
    by_group: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {}
    for e in network.edges:
        if network.root not in (e.a, e.b):
            continue
        other, kind = (e.b, e.kind) if e.a == network.root else (e.a, INVERSE.get(e.kind, e.kind))
        by_group.setdefault(e.group, []).append((kind, other, names.get(other, ""), e.evidence))
    return [(g, sorted(by_group[g])) for g in relationships.GROUP_ORDER if g in by_group]


@router.get("/cells", response_class=HTMLResponse)
def cells_page(request: Request, who: Signed) -> HTMLResponse:
    found = relationships.cells(store_of(request), who.name)
    kinds, groups = kind_labels(request)
    drawn = [(cell, layout(cell.nodes, cell.edges)) for cell in found]
    return page(request, "cells.html", who, cells=drawn, kinds=kinds, groups=groups)
