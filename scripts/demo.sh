#!/usr/bin/env bash
# Sets everything up and runs the main job on the embedded store: generate multi-agency demo data,
# ingest every agency's export, link the records into persons, print a summary, then serve the web
# interface with one demo user per role (fresh random passwords, printed) until interrupted.
# PERSONS, SEED and PORT may be set in the environment; CROSSROADS_DATABASE_URL selects another store;
# SERVE=0 stops after the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
PERSONS=${PERSONS:-3000}
SEED=${SEED:-2016}
OUT=${OUT:-demo-out}
cr=.venv/bin/crossroads

echo "==> generating demo data: $PERSONS persons, seed $SEED, into $OUT/"
$cr demo-data --persons "$PERSONS" --seed "$SEED" --out "$OUT"

echo "==> registering the demo agencies and one user per role"
$cr demo-users > /dev/null

echo "==> ingesting each agency's export (as the demo data steward)"
status=0
$cr ingest "$OUT"/*.jsonl --quiet --no-resolve --user demo.steward || status=$?   # the batch resolve below links them all
if [ "$status" -gt 1 ]; then exit "$status"; fi   # 1 only means some rows were quarantined
if compgen -G "$OUT/relationships/*.jsonl" > /dev/null; then
  echo "==> ingesting the relationship records (kinship between persons; they never merge anyone)"
  status=0
  $cr ingest "$OUT"/relationships/*.jsonl --quiet --no-resolve --user demo.steward || status=$?
  if [ "$status" -gt 1 ]; then exit "$status"; fi
fi

echo "==> linking records into persons"
$cr resolve --user demo.steward

echo "==> opening the follow-up cases from the statuses the records carry (threat-assessment analyst)"
$cr cases seed --user demo.analyst --task-force police.zone.brussels-west/ltf-brussels-west \
  --cell prevention.molenbeek/security-cell --cell-municipality Molenbeek
ids=$($cr cases list --ids --municipality Molenbeek --user demo.analyst)
first=${ids%%$'\n'*}
if [ -n "$first" ]; then
  $cr cases action "$first" --kind disengagement_programme --what "intake interview with the security cell" \
    --due "$(date +%F)" --user demo.analyst
fi
$cr cases due --user demo.prevention

echo "==> the threat-assessment indicators: a snapshot for each month of late 2016, where the demo data ends"
for month in 2016-07 2016-08 2016-09 2016-10 2016-11 2016-12; do
  $cr indicators snapshot --as-of "$month" --user demo.analyst > /dev/null
done
$cr indicators show --as-of 2016-12 --user demo.analyst
$cr stats stock --to 2016-12 --user demo.analyst

echo "==> summary"
$cr status
$cr evaluate --truth "$OUT/truth/truth.csv"

echo "==> who holds records on a person: a local police analyst searches a name intelligence holds"
name=$(.venv/bin/python -c "import json; print(json.loads(open('$OUT/intel.civil.jsonl').readline())['properties']['name'][0])")
$cr search "$name" --user demo.police --limit 3

if [ "${SERVE:-1}" != "0" ]; then
  echo "==> the web interface, with these demo sign-ins (new passwords each run):"
  $cr demo-users --passwords
  echo "    open http://127.0.0.1:${PORT:-8000}/ (API documentation: /docs); Ctrl-C stops it"
  exec $cr serve --port "${PORT:-8000}"
fi
