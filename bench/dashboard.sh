#!/usr/bin/env bash
# Dashboard and API benchmark (issue 11): fills the server's database with 100,000 patch_history rows over 50
# repositories (bench-org/repo-00..49, installed) plus 200 metric samples each with per-module errors and 2,000
# finished jobs (multi-row inserts; a database that already holds exactly this set is reused), then asks the server
# for each URL path in turn, one request at a time with `Authorization: Bearer <admin token>`, and prints p50/p90/p99
# of each beside a baseline path measured in the same rounds, and the ratio. Goals: overview and repo page p50 <= 50 ms,
# /api/patches first page p50 <= 20 ms. Loopback only, bounded (30 + 200 rounds by default). Not part of the tests.
#
# Usage: bench/dashboard.sh [PATH...]   (default: / /repos/{repo} '/api/patches?limit=50')
#   A path may hold {repo} (or {owner}/{name}): a benchmark repository, another each round; {id}: one of its patch ids.
#   BENCH_SERVER=http://127.0.0.1:8080  a running server (bin/selfcode serve, the jar, the image) whose database is
#                                       BENCH_DB_URL; without it the packaged jar is started here on that database
#                                       (prod profile, fake GitHub, a random admin token) and stopped afterwards
#   SELFCODE_ADMIN_TOKEN=...            that server's selfcode.web.admin-token
#   BENCH_DB_URL=jdbc:mariadb://...     the database to fill (default $SELFCODE_TEST_DB_URL, else selfcode_test);
#                                       user/password from SELFCODE_TEST_DB_USER/PASSWORD (default selfcode/selfcode)
#   BENCH_BASELINE=/q/health/live  BENCH_REQUESTS=200  BENCH_WARMUP=30  BENCH_ROWS=100000  BENCH_REPOS=50
#   BENCH_REFILL=true                   delete the benchmark's rows and fill again
# Example: BENCH_SERVER=http://127.0.0.1:8080 SELFCODE_ADMIN_TOKEN=s3cret \
#          BENCH_DB_URL=jdbc:mariadb://127.0.0.1:3306/selfcode bench/dashboard.sh / /repos/{repo} '/api/patches?limit=50'
set -euo pipefail
cd "$(dirname "$0")/.."
export SELFCODE_TEST_DB_URL=${BENCH_DB_URL:-${SELFCODE_TEST_DB_URL:-jdbc:mariadb://127.0.0.1:3306/selfcode_test}}
if [ -z "${BENCH_SERVER:-}" ] && { [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "${BENCH_REBUILD:-}" ]; }; then
  ./mvnw -B -q package -DskipTests
fi
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Duser.timezone=UTC -Dbench.server="${BENCH_SERVER:-}" -Dbench.db="$SELFCODE_TEST_DB_URL" \
  -Dbench.baseline="${BENCH_BASELINE:-/q/health/live}" -Dbench.requests="${BENCH_REQUESTS:-200}" \
  -Dbench.warmup="${BENCH_WARMUP:-30}" -Dbench.rows="${BENCH_ROWS:-100000}" -Dbench.repos="${BENCH_REPOS:-50}" \
  -Dbench.refill="${BENCH_REFILL:-false}" \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.selfcode.it.DashboardBench "$@"
