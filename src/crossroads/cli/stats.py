"""``crossroads stats`` (flows, stock, by municipality, by agency) and ``crossroads indicators``
(show, snapshot, history): the case follow-up's figures as tables, or as CSV files (``--csv``)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from crossroads.cli.console import guarded, open_store, out
from crossroads.service import figures, indicators, statistics
from crossroads.service.figures import Figures
from crossroads.settings import load_settings

stats_app = typer.Typer(
    help="Figures of the case follow-up: flows per month, stock by status, by municipality, by agency.",
    no_args_is_help=True,
)
indicators_app = typer.Typer(
    help="The threat-assessment indicators: current values, snapshots, and their history.",
    no_args_is_help=True,
)
USER = typer.Option(None, "--user", help="Who reads (else CROSSROADS_USER).")
START = typer.Option(None, "--from", help="First month, YYYY-MM (default: the first transition's).")
END = typer.Option(
    None, "--to", help="Last month, YYYY-MM (default: the last transition's); the stock is at its end."
)
PLACE = typer.Option(
    None, "--municipality", help="Part of the municipality or its postcode: 1080, Molenbeek."
)
AGENCY = typer.Option(None, "--agency", help="Only the transitions this agency reported.")
CSV = typer.Option(None, "--csv", help="Write the table to this CSV file instead of printing it.")
AS_OF = typer.Option(None, "--as-of", help="The month, YYYY-MM (default: this month).")


def _user(user: str | None) -> str | None:
    return user or load_settings().user


def _write(table: Figures, target: Path | None, title: str | None = None) -> None:
    if target is not None:
        target.write_text(figures.to_csv(table), encoding="utf-8", newline="")
        out.print(f"{len(table.rows)} row(s) written to {target}", highlight=False)
        return
    shown = Table(*table.columns, title=title or f"{table.name} ({table.cases} case(s))")
    for row in table.rows:
        shown.add_row(*(str(v) for v in row))
    out.print(shown)
    if table.suppressed:
        out.print(f"counts from 1 to {figures.SMALL - 1} are shown as {figures.SUPPRESSED}", highlight=False)


def _stats(kind: str, user: str | None, start: str | None, end: str | None,
           municipality: str | None, agency: str | None, target: Path | None) -> None:  # fmt: skip
    with guarded(), open_store() as store:
        table = statistics.read(store, _user(user), kind, start, end, municipality, agency)
    _write(table, target)


#: The tables ``crossroads stats`` prints, each a subcommand taking the same filters.
TABLES = {
    "flows": "Per month: departures, stopped, returns, deaths, arrests, and those in the conflict zone.",
    "stock": "How many cases are in each status at the end of the last month.",
    "by-municipality": "Per municipality: cases, departures and returns, in the conflict zone and detained.",
    "by-agency": "Per reporting agency: cases, transitions, departures and returns it reported.",
}


def _table_command(kind: str, summary: str) -> None:
    def command(
        start: str | None = START,
        end: str | None = END,
        municipality: str | None = PLACE,
        agency: str | None = AGENCY,
        csv_file: Path | None = CSV,
        user: str | None = USER,
    ) -> None:
        _stats(kind, user, start, end, municipality, agency, csv_file)

    command.__doc__ = summary
    stats_app.command(kind)(command)


for _kind, _summary in TABLES.items():
    _table_command(_kind, _summary)


@indicators_app.command("show")
def show(as_of: str | None = AS_OF, csv_file: Path | None = CSV, user: str | None = USER) -> None:
    """The indicators over the last three months against the three before."""
    with guarded(), open_store() as store:
        panel = indicators.show(store, _user(user), as_of)
    rows: list[tuple[figures.Cell, ...]] = [(i.name, i.value, i.previous, i.trend) for i in panel.indicators]
    title = f"indicators at {panel.as_of} (judicial files: {panel.judicial_kind} records)"
    columns = ("indicator", "last 3 months", "3 months before", "trend")
    _write(Figures("indicators", columns, rows, 0, panel.suppressed), csv_file, title)


@indicators_app.command("snapshot")
def snapshot(as_of: str | None = AS_OF, user: str | None = USER) -> None:
    """Keep the indicators as they stand (immutable; the history shows how they moved)."""
    with guarded(), open_store() as store:
        taken = indicators.snapshot(store, _user(user), as_of)
    out.print(f"snapshot {taken} taken", highlight=False)


@indicators_app.command("history")
def history(csv_file: Path | None = CSV, user: str | None = USER) -> None:
    """Every snapshot's values, by the month they are for, then when they were taken."""
    with guarded(), open_store() as store:
        rows = indicators.history(store, _user(user))
    table = Figures(
        "indicator history", ("as_of", "indicator", "value", "previous", "taken_by", "taken_at", "snapshot"),
        [(str(r.as_of), r.indicator, r.value, "" if r.previous is None else r.previous, r.taken_by,
          f"{r.taken_at:%Y-%m-%d %H:%M:%S}", r.snapshot) for r in rows], 0,
    )  # fmt: skip
    _write(table, csv_file, "indicator history")
