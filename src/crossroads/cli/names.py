"""``crossroads names``: look at how a name is read, and compare names one pair or a file at a time."""

from __future__ import annotations

import csv
from pathlib import Path

import orjson
import typer
from rich.table import Table

from crossroads.cli.console import EXIT_USAGE, err, guarded, out
from crossroads.errors import InputFileError
from crossroads.names.batch import score_pairs
from crossroads.names.compare import compare as compare_names
from crossroads.names.parse import parse as parse_name

app = typer.Typer(help="Parse and compare person names in any script and spelling.", no_args_is_help=True)


@app.command()
def parse(
    name: str = typer.Argument(..., help="A name as written, e.g. 'EL BAKKALI Youssef' or 'يوسف البقالي'."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """How a name is read: its parts, their roles and their convention-neutral keys."""
    parsed = parse_name(name)
    rows = [
        {
            "text": t.text,
            "role": t.role.value,
            "folded": t.key.folded,
            "key": t.key.phonetic,
            "skeletons": sorted(t.key.skeletons),
            "european": t.key.european,
        }
        for t in parsed.tokens
    ]
    if as_json:
        typer.echo(orjson.dumps({"name": name, "order_known": parsed.order_known, "parts": rows}).decode())
        return
    table = Table(
        "part",
        "role",
        "folded",
        "key",
        "skeletons",
        "european key",
        title=f"{name}  (order {'from cues' if parsed.order_known else 'assumed: given first'})",
    )
    for t in parsed.tokens:
        k = t.key
        table.add_row(t.text, t.role.value, k.folded, k.phonetic, " ".join(sorted(k.skeletons)), k.european)
    out.print(table)


@app.command()
def compare(
    a: str = typer.Argument(None, help="First name (aliases separated by '|')."),
    b: str = typer.Argument(None, help="Second name (aliases separated by '|')."),
    pairs: Path | None = typer.Option(None, "--pairs", help="CSV with columns a,b (others carried through)."),
    out_file: Path | None = typer.Option(None, "--out", help="With --pairs: the CSV to write, plus 'score'."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output (single comparison)."),
) -> None:
    """Score how likely two names belong to one person, with the alignment and an explanation."""
    if pairs is not None:
        if out_file is None:
            err.print("[red]error:[/] --pairs needs --out SCORES.csv")
            raise typer.Exit(EXIT_USAGE)
        with guarded():
            n = _score_file(pairs, out_file)
        out.print(f"{n:,} pairs scored, written to {out_file}")
        return
    if a is None or b is None:
        err.print("[red]error:[/] give two names, or --pairs PAIRS.csv --out SCORES.csv")
        raise typer.Exit(EXIT_USAGE)
    result = compare_names(a.split("|"), b.split("|"))
    if as_json:
        typer.echo(
            orjson.dumps(
                {
                    "score": result.score,
                    "name_a": result.name_a,
                    "name_b": result.name_b,
                    "parts": [p.__dict__ for p in result.parts],
                    "evidence": result.evidence,
                    "explanation": result.explanation,
                }
            ).decode()
        )
        return
    out.print(f"[bold]score {result.score:.3f}[/]  {result.name_a}  ~  {result.name_b}")
    table = Table("first", "second", "role", "similarity", "why")
    for p in result.parts:
        table.add_row(p.a or "—", p.b or "—", p.role, f"{p.similarity:.2f}", p.reason)
    out.print(table)
    out.print(result.explanation)


def _score_file(pairs: Path, out_file: Path) -> int:
    if not pairs.is_file():
        raise InputFileError(f"{pairs}: no such file")
    try:
        with pairs.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            fields = list(reader.fieldnames or [])
            missing = [c for c in ("a", "b") if c not in fields]
            if missing:
                raise InputFileError(
                    f"{pairs}: line 1: missing column(s) {', '.join(missing)}; the header needs a,b"
                )
            rows = list(reader)
    except UnicodeDecodeError as exc:
        line = pairs.read_bytes()[: exc.start].count(b"\n") + 1
        raise InputFileError(f"{pairs}: line {line}: not UTF-8 text; save the file as UTF-8") from exc
    for number, row in enumerate(rows, start=2):
        for column in ("a", "b"):
            if row.get(column) is None:
                raise InputFileError(f"{pairs}: line {number}: column {column} is missing (short row)")
    scores = score_pairs([r["a"] for r in rows], [r["b"] for r in rows])
    out_file.parent.mkdir(parents=True, exist_ok=True)
    with out_file.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*fields, "score"] if "score" not in fields else fields)
        writer.writeheader()
        for row, score in zip(rows, scores, strict=True):
            writer.writerow({**row, "score": f"{score:.6f}"})
    return len(rows)
