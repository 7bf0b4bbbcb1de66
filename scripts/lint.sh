#!/usr/bin/env bash
# Lint, format and type checks (run by scripts/test.sh, hence by CI): ruff and mypy, as pinned in pyproject's test extra.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
.venv/bin/ruff format --check .
# mypy keeps its cache under the project's own .tmp folder.
.venv/bin/mypy --cache-dir .tmp/mypy-cache
