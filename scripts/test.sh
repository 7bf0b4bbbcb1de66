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

# The engine-profile tests (tests/studio/test_engine_renders.py) use Redis on 127.0.0.1:6379 and RabbitMQ on
# 127.0.0.1:5672 (guest/guest) as Celery brokers; start them (installing them first) if they do not answer.
answers() { timeout 2 bash -c "echo > /dev/tcp/127.0.0.1/$1" 2>/dev/null; }
missing=()
answers 6379 || command -v redis-server >/dev/null || missing+=(redis-server)
answers 5672 || command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if ! answers 6379; then
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no >/dev/null
  for _ in $(seq 30); do answers 6379 && break; sleep 1; done
fi
if ! answers 5672; then
  # Loopback only; the guest account may log in from 127.0.0.1 (RabbitMQ's default).
  RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODENAME=rabbit@localhost rabbitmq-server -detached 2>/dev/null \
    || (RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODENAME=rabbit@localhost nohup rabbitmq-server >/tmp/rabbitmq.log 2>&1 &)
  for _ in $(seq 90); do answers 5672 && break; sleep 1; done
fi
answers 6379 || echo "warning: Redis does not answer on 127.0.0.1:6379" >&2
answers 5672 || echo "warning: RabbitMQ does not answer on 127.0.0.1:5672" >&2

# Lint, format and types first: a minute, and it names the line before half an hour of tests.
bash scripts/lint.sh
exec .venv/bin/python -m pytest "$@"
