#!/usr/bin/env bash
# Issue 9's benchmark: the server image's size and its start-up to ready with an external database, beside the
# base image's size and an empty Quarkus application (quarkus-rest + health, same Quarkus) started the same way in
# the same image, in the same run; and a second baseline, the stack's floor: that empty application plus
# only what readiness on a database needs (MariaDB driver, Hibernate ORM with Panache, Flyway migrating at start; one
# entity), started as Selfcode's image starts Selfcode (a class-data archive from a training start of its own, the
# same compiler thresholds; the empty application runs on the JVM's defaults). Start-up = from
# `docker run` until /q/health/ready answers 200, after a first start that applied the migrations (later starts are
# what a restart or an upgrade without new migrations costs).
#
# Usage: bench/server-image.sh [RUNS]      (default 5; the median is reported, every run is printed)
# Needs: ./mvnw -B package -DskipTests, scripts/server-images.sh stand-ins, a MariaDB on 127.0.0.1:3306 that root
#        can reach without a password (scripts/services.sh mariadb), curl, openssl; Maven Central once, for the
#        floor application's build (its datasource extension resolves the BOM's Testcontainers jar).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
image=selfcode/server:bench
base=${BASE_IMAGE:-selfcode/base:bookworm}
db=selfcode_bench_image
floor_db=selfcode_bench_floor
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
# The stack's floor: the same empty application plus only what Selfcode's readiness needs (the MariaDB driver,
# Hibernate ORM with Panache, Flyway applying its migrations at start), with one entity and one migration. What
# Selfcode takes beyond this is its own; this much any application on the chosen stack pays.
mkdir -p "$work/floor/src/main/java/bench" "$work/floor/src/main/resources/db/migration"
sed -e 's:<artifactId>empty</artifactId>:<artifactId>floor</artifactId>:' \
  -e 's:<artifactId>quarkus-smallrye-health</artifactId></dependency>:&\
    <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-hibernate-orm-panache</artifactId></dependency>\
    <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-jdbc-mariadb</artifactId></dependency>\
    <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-flyway</artifactId></dependency>\
    <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-mysql</artifactId></dependency>:' \
  "$work/empty/pom.xml" >"$work/floor/pom.xml"
cat >"$work/floor/src/main/java/bench/Item.java" <<'JAVA'
package bench;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;

@Entity
public class Item extends PanacheEntity {
    public String name;
}
JAVA
echo 'CREATE TABLE Item (id BIGINT PRIMARY KEY, name VARCHAR(255)); CREATE SEQUENCE Item_SEQ INCREMENT BY 50;' \
  >"$work/floor/src/main/resources/db/migration/V1__item.sql"
printf '%s\n' quarkus.datasource.db-kind=mariadb quarkus.flyway.migrate-at-start=true \
  quarkus.hibernate-orm.schema-management.strategy=none >"$work/floor/src/main/resources/application.properties"
./mvnw -B -q -f "$work/floor/pom.xml" package -DskipTests >"$work/floor.log" 2>&1 ||
  { tail -n 30 "$work/floor.log" >&2; echo "the database-only Quarkus application did not build" >&2; exit 1; }
chmod -R a+rX "$work"

# Credentials of an App that is never called at start (a fresh key, an id, a secret), and an empty database.
openssl genrsa -out "$work/key.pem" 2048 2>/dev/null
for d in $db $floor_db; do
  mariadb -uroot -e "DROP DATABASE IF EXISTS $d; CREATE DATABASE $d; GRANT ALL ON $d.* TO 'selfcode'@'127.0.0.1'"
done
mkdir -p "$work/data" "$work/cds" && chown 10001:10001 "$work/data" "$work/cds"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Selfcode's server compiler thresholds (deploy/docker/selfcode), given to the floor as well.
server_jvm=$(sed -n '/"serve"/,/^fi/s/.*jvm_opts="\($jvm_opts \)\{0,1\}\(-XX[^"]*\)".*/\2/p' deploy/docker/selfcode)
[[ -n $server_jvm ]] || { echo "no compiler thresholds found in deploy/docker/selfcode" >&2; exit 1; }

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
      if [[ -n ${graceful:-} ]]; then docker stop "$c" >/dev/null; fi # the JVM's exit hooks run (archive written)
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
# floor JVM-OPTIONS...: the database-only application, treated as Selfcode's image treats Selfcode: a class-data
# archive from its own training start (floor_train), the same compiler thresholds.
floor() {
  # shellcheck disable=SC2086
  start -v "$work/floor/target/quarkus-app:/app:ro" -v "$work/cds:/cds" --entrypoint java \
    -e QUARKUS_DATASOURCE_JDBC_URL="jdbc:mariadb://127.0.0.1:3306/$floor_db" -e QUARKUS_DATASOURCE_USERNAME=selfcode \
    -e QUARKUS_DATASOURCE_PASSWORD=selfcode "$image" -Xshare:auto $server_jvm "$@" -jar /app/quarkus-run.jar
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

first=$(server)
graceful=1 floor -XX:ArchiveClassesAtExit=/cds/floor.jsa >/dev/null # migration applied, archive written
[[ -s $work/cds/floor.jsa ]] || { echo "the floor's class-data archive was not written" >&2; exit 1; }
server_runs=() empty_runs=() floor_runs=()
for i in $(seq 1 "$runs"); do
  server_runs+=("$(server)")
  empty_runs+=("$(empty)")
  floor_runs+=("$(floor -XX:SharedArchiveFile=/cds/floor.jsa)")
  echo "run $i: selfcode ${server_runs[-1]} s, empty Quarkus ${empty_runs[-1]} s," \
    "Quarkus with only the database ${floor_runs[-1]} s" >&2
done
mb() { docker image inspect -f '{{.Size}}' "$1" | awk '{printf "%.0f", $1 / 1000000}'; }
s_med=$(printf '%s\n' "${server_runs[@]}" | median)
e_med=$(printf '%s\n' "${empty_runs[@]}" | median)
printf '\n| figure | Selfcode | baseline | ratio | goal |\n|---|---|---|---|---|\n'
printf '| image size (MB) | %s | %s (%s, the base) | %.2f | <= 350 |\n' "$(mb $image)" "$(mb "$base")" "$base" \
  "$(echo "$(mb $image) / $(mb "$base")" | bc -l)"
printf '| start to ready (s, median of %s) | %s | %s (empty Quarkus, same image) | %.2f | <= 3 |\n' "$runs" "$s_med" \
  "$e_med" "$(echo "$s_med / $e_med" | bc -l)"
f_med=$(printf '%s\n' "${floor_runs[@]}" | median)
printf '| start to ready (s, median of %s) | %s | %s (Quarkus with only the database: ORM, Flyway, driver; same JVM set-up) | %.2f | <= 3 |\n' \
  "$runs" "$s_med" "$f_med" "$(echo "$s_med / $f_med" | bc -l)"
printf '| first start, migrations applied (s) | %s | - | - | - |\n' "$first"
mariadb -uroot -e "DROP DATABASE IF EXISTS $db; DROP DATABASE IF EXISTS $floor_db"
