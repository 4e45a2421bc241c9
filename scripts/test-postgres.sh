#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 cluster (creating it if needed) and prints a connection URL
# for the test suite: SAMOVAR_TEST_PG="$(scripts/test-postgres.sh)" npm test
set -euo pipefail
version=15
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start >/dev/null 2>&1 || pg_ctlcluster "$version" main status >/dev/null
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
password=samovar-test
if [ "$(id -u)" = 0 ]; then
  su postgres -c "psql -qc \"ALTER USER postgres PASSWORD '$password'\"" >/dev/null
else
  sudo -u postgres psql -qc "ALTER USER postgres PASSWORD '$password'" >/dev/null
fi
echo "postgres://postgres:$password@127.0.0.1:5432/postgres"
