#!/usr/bin/env bash
# Issue 9's benchmark: the server image's size and its start-up to ready with an external database, beside the
# base image's size and an empty Quarkus application (quarkus-rest + health, same Quarkus) started the same way in
# the same image, in the same run. Start-up = from `docker run` until /q/health/ready answers 200, after a first
# start that applied the migrations (later starts are what a restart or an upgrade without new migrations costs).
#
# Usage: bench/server-image.sh [RUNS]      (default 5; the median is reported, every run is printed)
# Needs: ./mvnw -B package -DskipTests, scripts/server-images.sh stand-ins, a MariaDB on 127.0.0.1:3306 that root
#        can reach without a password (scripts/services.sh mariadb), curl, openssl.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
image=selfcode/server:bench
base=${BASE_IMAGE:-selfcode/base:bookworm}
db=selfcode_bench_image
work=$(mktemp -d /var/tmp/selfcode-bench-image.XXXXXX)
containers=()
cleanup() {
  for c in "${containers[@]}"; do docker rm -f "$c" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

SELFCODE_SERVER_IMAGE=$image scripts/server-images.sh server

# The empty application: Quarkus' BOM and plugin as Selfcode builds with them, no code of its own.
quarkus_version=$(sed -n 's:.*<quarkus.platform.version>\(.*\)</quarkus.platform.version>.*:\1:p' pom.xml)
mkdir -p "$work/empty"
cat >"$work/empty/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>empty</artifactId><version>1</version>
  <properties><maven.compiler.release>17</maven.compiler.release></properties>
  <dependencyManagement><dependencies><dependency><groupId>io.quarkus</groupId><artifactId>quarkus-bom</artifactId>
    <version>$quarkus_version</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-rest</artifactId></dependency>
    <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-smallrye-health</artifactId></dependency>
  </dependencies>
  <build><plugins><plugin><groupId>io.quarkus</groupId><artifactId>quarkus-maven-plugin</artifactId>
    <version>$quarkus_version</version><executions><execution><goals><goal>build</goal></goals></execution></executions>
  </plugin></plugins></build>
</project>
POM
./mvnw -B -q -o -f "$work/empty/pom.xml" package -DskipTests >"$work/empty.log" 2>&1 ||
  { tail -n 30 "$work/empty.log" >&2; echo "the empty Quarkus application did not build" >&2; exit 1; }
chmod -R a+rX "$work"

# Credentials of an App that is never called at start (a fresh key, an id, a secret), and an empty database.
openssl genrsa -out "$work/key.pem" 2048 2>/dev/null
mariadb -uroot -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db; GRANT ALL ON $db.* TO 'selfcode'@'127.0.0.1'"
mkdir -p "$work/data" && chown 10001:10001 "$work/data"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start NAME ARGS...: seconds from `docker run` to a 200 from /q/health/ready (container removed afterwards).
start() {
  local p t0 t1 c
  p=$(port)
  t0=$(date +%s.%N)
  c=$(docker run -d --network host -e QUARKUS_HTTP_PORT="$p" "$@")
  containers+=("$c")
  for _ in $(seq 1 1200); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$p/q/health/ready" 2>/dev/null; then
      t1=$(date +%s.%N)
      docker rm -f "$c" >/dev/null
      echo "$t1 - $t0" | bc -l | xargs printf '%.2f\n'
      return 0
    fi
    if [[ $(docker inspect -f '{{.State.Running}}' "$c") != true ]]; then
      docker logs "$c" | tail -n 30 >&2
      echo "the container exited before it was ready" >&2
      return 1
    fi
    sleep 0.05
  done
  docker logs "$c" | tail -n 30 >&2
  return 1
}
server() {
  start -v /var/run/docker.sock:/var/run/docker.sock --group-add "$(stat -c %g /var/run/docker.sock)" \
    -v "$work/data:$work/data" -e SELFCODE_DATA_DIR="$work/data" \
    -e QUARKUS_DATASOURCE_JDBC_URL="jdbc:mariadb://127.0.0.1:3306/$db" -e QUARKUS_DATASOURCE_USERNAME=selfcode \
    -e QUARKUS_DATASOURCE_PASSWORD=selfcode -e QUARKUS_GITHUB_APP_APP_ID=1 \
    -e QUARKUS_GITHUB_APP_PRIVATE_KEY="$(cat "$work/key.pem")" -e QUARKUS_GITHUB_APP_WEBHOOK_SECRET=bench \
    -e QUARKUS_GITHUB_APP_INSTANCE_ENDPOINT=http://127.0.0.1:9 "$image"
}
empty() {
  start -v "$work/empty/target/quarkus-app:/app:ro" --entrypoint java "$image" -Xshare:auto -jar /app/quarkus-run.jar
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

first=$(server)
server_runs=() empty_runs=()
for i in $(seq 1 "$runs"); do
  server_runs+=("$(server)")
  empty_runs+=("$(empty)")
  echo "run $i: selfcode ${server_runs[-1]} s, empty Quarkus ${empty_runs[-1]} s" >&2
done
mb() { docker image inspect -f '{{.Size}}' "$1" | awk '{printf "%.0f", $1 / 1000000}'; }
s_med=$(printf '%s\n' "${server_runs[@]}" | median)
e_med=$(printf '%s\n' "${empty_runs[@]}" | median)
printf '\n| figure | Selfcode | baseline | ratio | goal |\n|---|---|---|---|---|\n'
printf '| image size (MB) | %s | %s (%s, the base) | %.2f | <= 350 |\n' "$(mb $image)" "$(mb "$base")" "$base" \
  "$(echo "$(mb $image) / $(mb "$base")" | bc -l)"
printf '| start to ready (s, median of %s) | %s | %s (empty Quarkus, same image) | %.2f | <= 3 |\n' "$runs" "$s_med" \
  "$e_med" "$(echo "$s_med / $e_med" | bc -l)"
printf '| first start, migrations applied (s) | %s | - | - | - |\n' "$first"
mariadb -uroot -e "DROP DATABASE IF EXISTS $db"
