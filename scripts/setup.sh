#!/usr/bin/env bash
# Installs Crossroads and its development tools into ./.venv (idempotent: re-runs only what changed).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
# Spark (the --engine spark tests) needs a Java runtime.
if ! command -v java >/dev/null 2>&1; then
  echo "==> installing a Java runtime for Spark"
  apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null
fi
# The browser tests drive Debian's Chromium headless (Playwright cannot download its own here).
if ! command -v chromium >/dev/null 2>&1; then
  echo "==> installing Chromium for the browser tests"
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
stamp=.venv/.crossroads-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "==> installing crossroads and its dependencies"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev,spark]'
  echo "$want" > "$stamp"
fi
