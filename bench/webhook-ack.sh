#!/usr/bin/env bash
# Webhook acknowledgement benchmark: the packaged server (prod profile, real webhook secret) against a fake GitHub
# on loopback; signed issue_comment deliveries at a steady rate and, interleaved in the same window, the same rate
# to a bare endpoint of the same server that does the same one insert (so noise from the machine hits both).
# Prints p50/p99, the ratio, and whether every delivery was persisted exactly once. Bounded: 20 s warm-up + 60 s, plus start-up.
#   BENCH_RATE=200 BENCH_SECONDS=60 SELFCODE_TEST_DB_URL=jdbc:mariadb://127.0.0.1:3306/selfcode_bench bench/webhook-ack.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export SELFCODE_TEST_DB_URL=${SELFCODE_TEST_DB_URL:-jdbc:mariadb://127.0.0.1:3306/selfcode_test}
bash scripts/fetch-github-fixtures.sh >/dev/null
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "${BENCH_REBUILD:-}" ]; then
  ./mvnw -B -q package -DskipTests
fi
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Dbench.rate="${BENCH_RATE:-200}" -Dbench.seconds="${BENCH_SECONDS:-60}" -Dbench.warmup="${BENCH_WARMUP:-20}" \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.selfcode.it.WebhookAckBench
