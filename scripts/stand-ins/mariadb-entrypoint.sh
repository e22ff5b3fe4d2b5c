#!/bin/sh
# The entry point of the local MariaDB stand-in (scripts/server-images.sh): on an empty data folder it creates the
# database, the user and the root password from the variables the official mariadb image reads
# (MARIADB_DATABASE, MARIADB_USER, MARIADB_PASSWORD, MARIADB_ROOT_PASSWORD), then runs mariadbd with the arguments.
set -eu
if [ "${1:-}" = "mariadbd" ]; then
  shift
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld /var/lib/mysql
  if [ ! -d /var/lib/mysql/mysql ]; then
    : "${MARIADB_ROOT_PASSWORD:?set MARIADB_ROOT_PASSWORD}"
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db >/dev/null
    mariadbd --user=mysql --skip-networking --socket=/run/mysqld/init.sock &
    pid=$!
    i=0
    until mariadb --socket=/run/mysqld/init.sock -e 'SELECT 1' >/dev/null 2>&1; do
      i=$((i + 1)); [ "$i" -lt 120 ] || { echo "mariadbd did not start" >&2; exit 1; }; sleep 0.5
    done
    {
      if [ -n "${MARIADB_DATABASE:-}" ]; then echo "CREATE DATABASE IF NOT EXISTS \`$MARIADB_DATABASE\`;"; fi
      if [ -n "${MARIADB_USER:-}" ]; then
        echo "CREATE USER '$MARIADB_USER'@'%' IDENTIFIED BY '${MARIADB_PASSWORD:?set MARIADB_PASSWORD}';"
        [ -z "${MARIADB_DATABASE:-}" ] || echo "GRANT ALL ON \`$MARIADB_DATABASE\`.* TO '$MARIADB_USER'@'%';"
      fi
      echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$MARIADB_ROOT_PASSWORD';"
    } | mariadb --socket=/run/mysqld/init.sock
    kill "$pid"
    wait "$pid" || true
  fi
  # As the official image: no reverse DNS lookup of clients (a container without a resolver would hang on it).
  exec mariadbd --user=mysql --bind-address=0.0.0.0 --skip-name-resolve "$@"
fi
exec "$@"
