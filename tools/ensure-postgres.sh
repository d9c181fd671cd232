#!/usr/bin/env bash
# Makes sure a local PostgreSQL answers on 127.0.0.1:5432 for the test suites that need one, starting the
# machine's cluster when it is installed but down. Where no PostgreSQL is installed it says so and carries on:
# those suites then report themselves as skipped (never as passed).
set -uo pipefail
if ! command -v pg_isready >/dev/null 2>&1; then
  echo "ensure-postgres: no PostgreSQL client on this machine; PostgreSQL suites will be skipped"
elif pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "ensure-postgres: PostgreSQL answers on 127.0.0.1:5432"
elif command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  for version in $(ls /etc/postgresql); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -h 127.0.0.1 -p 5432 || echo "ensure-postgres: PostgreSQL did not start; its suites will be skipped"
else
  echo "ensure-postgres: PostgreSQL is installed but not running and cannot be started here; its suites will be skipped"
fi
set -e
