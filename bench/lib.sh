# Shared by the bench scripts (source it).

# Stops the embedded database the keeper of data folder $1 left running (a no-op when it keeps none); returns 1
# when it does not stop within 30 s.
stop_db() {
  local pidfile="$1/mariadb/keeper.pid"
  [[ -f "$pidfile" ]] || return 0
  local pid
  pid="$(cat "$pidfile")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "the database keeper $pid did not stop" >&2
  return 1
}
