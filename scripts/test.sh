#!/usr/bin/env bash
# Set up, make sure PostgreSQL answers on 127.0.0.1:5432 (database `test`), run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if [ ! -d /etc/postgresql ]; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql
  fi
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
# The store tests connect as the current user; create that role and the database if missing.
su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$(whoami)'\" | grep -q 1 || createuser -s $(whoami)" 2>/dev/null || true
psql -h 127.0.0.1 -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" 2>/dev/null | grep -q 1 \
  || createdb -h 127.0.0.1 test 2>/dev/null || true

exec .venv/bin/python -m pytest "$@"
