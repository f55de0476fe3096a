#!/usr/bin/env bash
# Sets everything up and runs the whole test suite: lint, types, and the tests on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/postgres.sh
echo "==> ruff";  .venv/bin/ruff check src tests bench
echo "==> mypy";  .venv/bin/mypy
echo "==> pytest"; .venv/bin/pytest -p no:cacheprovider "$@"
