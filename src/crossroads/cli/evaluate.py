from __future__ import annotations

from pathlib import Path

import typer

from crossroads.cli.console import guarded, open_store, out
from crossroads.service.evaluate import evaluate_store


def evaluate(
    truth: Path = typer.Option(..., "--truth", help="Ground truth CSV: source,id,person_id."),
) -> None:
    """How well the store's persons match a ground truth: pairwise precision, recall, F1."""
    with guarded(), open_store() as store:
        scores, n = evaluate_store(store, truth)
    out.print(
        f"{n:,} resolved records compared with the truth: "
        f"precision {scores.precision:.4f}, recall {scores.recall:.4f}, F1 {scores.f1:.4f} "
        f"({scores.correct_pairs:,} of {scores.predicted_pairs:,} linked pairs correct; "
        f"{scores.true_pairs:,} true pairs)"
    )
