"""``crossroads review``: pairs the model was unsure of, judged by an analyst in the terminal."""

from __future__ import annotations

import orjson
import typer
from rich.table import Table

from crossroads.cli.console import guarded, open_store, out
from crossroads.resolve.linker import VERDICTS
from crossroads.service import review as use
from crossroads.settings import load_settings

app = typer.Typer(
    help="Pairs waiting for an analyst: judge them one by one (default), list them, or judge one.",
    invoke_without_command=True,
)
USER = typer.Option(None, "--user", help="The analyst (else CROSSROADS_USER).")
KEYS = {"s": "same", "d": "different", "u": "unsure"}


def _analyst(user: str | None) -> str | None:
    return user or load_settings().user


@app.callback()
def review(
    ctx: typer.Context,
    user: str | None = USER,
    limit: int = typer.Option(20, min=1, help="At most this many pairs in one sitting."),
) -> None:
    """Show each waiting pair's evidence and ask: [s]ame person, [d]ifferent, [u]nsure, s[k]ip, [q]uit."""
    if ctx.invoked_subcommand is not None:
        return
    analyst = _analyst(user)
    with guarded(), open_store() as store:
        if not analyst:
            raise use.JudgementError(
                "a judgement needs the analyst who makes it: pass --user or set CROSSROADS_USER"
            )
        items = use.pending(store, analyst, limit)
        if not items:
            out.print("nothing waits for review")
            return
        for n, item in enumerate(items, start=1):
            shown = use.explain_queued(store, item, analyst)
            out.print(f"\n[bold]{n}/{len(items)}[/] {item.reason}")
            for line in shown.explanation.lines():
                out.print(line, highlight=False, markup=False)
            answer = (
                typer.prompt("[s]ame, [d]ifferent, [u]nsure, s[k]ip, [q]uit", default="k").strip().lower()
            )
            if answer == "q":
                break
            if answer not in KEYS:
                continue
            why = typer.prompt("why (read by oversight)")
            recorded = use.judge(store, "/".join(item.a), "/".join(item.b), KEYS[answer], analyst, why)
            out.print(f"recorded: {recorded.verdict}, {recorded.takes_effect}")


@app.command("list")
def list_(
    limit: int = typer.Option(50, min=1, help="At most this many pairs."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    user: str | None = USER,
) -> None:
    """Waiting pairs you may judge, closest calls first."""
    with guarded(), open_store() as store:
        items = use.pending(store, _analyst(user), limit)
    if as_json:
        rows = [{"a": "/".join(i.a), "b": "/".join(i.b), "probability": i.probability, "reason": i.reason}
                for i in items]  # fmt: skip
        out.print_json(orjson.dumps(rows).decode())
        return
    table = Table()
    table.add_column("record", no_wrap=True)
    table.add_column("record", no_wrap=True)
    table.add_column("probability", justify="right")
    table.add_column("why it waits")
    for i in items:
        table.add_row("/".join(i.a), "/".join(i.b), f"{i.probability:.3f}", i.reason)
    out.print(table)


@app.command("judge")
def judge(
    record_a: str = typer.Argument(..., help="A stored record as SOURCE/ID."),
    record_b: str = typer.Argument(..., help="Another stored record as SOURCE/ID."),
    verdict: str = typer.Argument(..., help=f"One of {', '.join(VERDICTS)}."),
    why: str = typer.Option(..., "--why", help="The reason, in words oversight can read."),
    user: str | None = USER,
) -> None:
    """Record a judgement on one pair (it overrides the model from the next resolve on)."""
    with guarded(), open_store() as store:
        recorded = use.judge(store, record_a, record_b, verdict, _analyst(user), why)
    model = f"; the model said {recorded.probability:.3f}" if recorded.probability is not None else ""
    out.print(f"recorded: {recorded.verdict} {record_a} ~ {record_b}{model}; {recorded.takes_effect}")
