#!/usr/bin/env bash
# Sets everything up and runs the whole test suite: lint, types, and the tests on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/postgres.sh
echo "==> ruff";  .venv/bin/ruff check src tests bench
echo "==> mypy";  .venv/bin/mypy
# Both cores, a test file to a worker: a file's module fixtures are made once, and its tests never
# race each other for the server-wide roles they make (tests/conftest.py makes the store's first).
echo "==> pytest"; .venv/bin/pytest -p no:cacheprovider -n 2 --dist loadfile "$@"
