from __future__ import annotations

import orjson
import typer

from crossroads.cli.console import guarded, open_store, out
from crossroads.service.explain import explain_for
from crossroads.settings import load_settings


def explain(
    record_a: str = typer.Argument(..., help="A stored record as SOURCE/ID."),
    record_b: str = typer.Argument(..., help="Another stored record as SOURCE/ID."),
    as_json: bool = typer.Option(False, "--json", help="Print the evidence as JSON."),
    user: str | None = typer.Option(None, "--user", help="The analyst asking (else CROSSROADS_USER)."),
    purpose: str = typer.Option("investigation", "--purpose", help="investigation or threat-assessment."),
) -> None:
    """Why two records are, or are not, one person: each comparison's evidence and weight in words,
    as far as you may read both records (what is withheld says why)."""
    with guarded(), open_store() as store:
        result = explain_for(store, user or load_settings().user, purpose, record_a, record_b)
    e = result.explanation
    if as_json:
        payload = {
            "a": e.a, "b": e.b, "probability": e.probability, "verdict": e.verdict,
            "same_entity_now": result.same_entity_now, "run": result.run_id,
            "prior_weight": e.prior_weight, "name_rarity": e.name_rarity, "names": e.names,
            "civil_names": e.civil_names,
            "evidence": [{"comparison": x.comparison, "level": x.level, "says": x.says, "weight": x.weight}
                         for x in e.evidence],
            "withheld": result.withheld,
        }  # fmt: skip
        out.print_json(orjson.dumps(payload).decode())
        return
    for line in e.lines():
        out.print(line, highlight=False, markup=False)
    now = "the same person" if result.same_entity_now else "different persons"
    out.print(f"  in the store now: {now} (resolution run {result.run_id})", highlight=False)
