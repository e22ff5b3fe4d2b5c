#!/usr/bin/env bash
# Benchmark (a) of issue 10: tokens sent for two successive patches on a Python file of over 20,000 tokens, chunked
# and summarised, against a prompt that carries the whole file (goal: >= 5x fewer on the second patch). The first
# patch's summarizer calls are reported separately. Runs llm/PromptTokensBench against the local OpenAI-compatible
# stub (answers without usage, so every figure is JTokkit's count of the text sent) and a MariaDB test database.
# Not part of the normal test run.
#
# Usage: bench/prompt-tokens.sh
#   SELFCODE_TEST_DB_URL  the test database (Flyway cleans it), default jdbc:mariadb://127.0.0.1:3306/selfcode_test
#   PROMPT_CHUNK_TOKEN_THRESHOLD  the chunk threshold, default 3500
# Prints the figures and leaves them in target/bench-prompt-tokens.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost TESTCONTAINERS_CHECKS_DISABLE=true
rm -f target/bench-prompt-tokens.txt
./mvnw -B -q -o test -Dtest=PromptTokensBench -Dbench.prompt-tokens=true -Dsurefire.failIfNoSpecifiedTests=false \
  > target/bench-prompt-tokens.log 2>&1 || { tail -40 target/bench-prompt-tokens.log >&2; exit 1; }
cat target/bench-prompt-tokens.txt
