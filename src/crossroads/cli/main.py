"""The ``crossroads`` command: a thin adapter that parses arguments, calls a use case, renders."""

from __future__ import annotations

import typer

from crossroads.cli import (
    admin,
    alerts,
    audit,
    cases,
    demo,
    dp_report,
    evaluate,
    explain,
    export,
    ingest,
    link,
    minors,
    names,
    quarantine,
    relations,
    requests,
    retention,
    review,
    search,
    serve,
    stats,
    status,
)

app = typer.Typer(
    name="crossroads",
    help="Crossroads: a common database that links agency records into persons.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.command("ingest")(ingest.ingest)
app.command("status")(status.status)
app.command("link")(link.link)
app.command("resolve")(link.resolve)
app.command("search")(search.search_command)
app.command("person")(search.person_command)
app.command("explain")(explain.explain)
app.command("lineage")(search.lineage_command)
app.command("evaluate")(evaluate.evaluate)
app.command("export")(export.export)
app.command("demo-data")(demo.demo_data)
app.command("demo-users")(demo.demo_users)
app.command("purge")(retention.purge)
app.command("dp-report")(dp_report.dp_report)
app.command("serve")(serve.serve)
app.add_typer(quarantine.app, name="quarantine")
app.add_typer(names.app, name="names")
app.add_typer(review.app, name="review")
app.add_typer(audit.app, name="audit")
app.add_typer(admin.agencies_app, name="agencies")
app.add_typer(admin.users_app, name="users")
app.add_typer(requests.app, name="rfi")
app.add_typer(retention.app, name="retention")
app.add_typer(minors.app, name="minors")
app.add_typer(alerts.watch_app, name="watch")
app.add_typer(alerts.alerts_app, name="alerts")
app.add_typer(alerts.webhooks_app, name="webhooks")
app.add_typer(relations.app, name="relations")
app.add_typer(cases.app, name="cases")
app.add_typer(stats.stats_app, name="stats")
app.add_typer(stats.indicators_app, name="indicators")

if __name__ == "__main__":
    app()
