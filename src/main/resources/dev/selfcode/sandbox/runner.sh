# Selfcode's step runner, run by /bin/sh as root (with a few capabilities) as the sandbox container's command:
#   sh -c "$RUNNER" runner TIMEOUT_SECONDS OUTPUT_LIMIT_BYTES STEP...
# Runs /selfcode/steps/STEP.sh in /workspace for each STEP in order under one deadline, each as the
# unprivileged user 65534 (setpriv: no groups, no capabilities), and kills every process of that user when
# the step ends, so that nothing a step started outlives it. Only this runner writes /selfcode/ctl, which
# steps can neither read nor write: STEP.exit (exit code), STEP.log (last OUTPUT_LIMIT bytes of
# stdout+stderr), STEP.cpu (cgroup CPU nanoseconds before and after), test.head (the first bytes of the test
# step's output), usage (peak memory bytes, OOM kills) and, when the deadline passed, timeout (the step that
# ran out of time). A failing setup step stops the run.
#
# Sealed reports: during the test step each well-known report name in $SELFCODE_OUT (a folder steps cannot
# write) is a FIFO read by a collector of this runner. The first non-empty document written to it is kept as
# ctl/report.NAME (capped); any later one only counts, in ctl/report.NAME.writes, so that a report written
# again after (or before) the test runner's own cannot replace it.
# A document opened, written and closed in the instant between the collector's end of file and its close
# finds no reader left and is dropped: never kept, so at worst a second write goes uncounted.
# Needs POSIX sh, setpriv (util-linux), find and coreutils (cat, chown, head, mkfifo, stat, tail, tee, timeout).
set -u
ctl=/selfcode/ctl
steps=/selfcode/steps
out=$SELFCODE_OUT
uid=65534
# A test script may run up to 3 test runs of one kind (jest --env node && jest --env edge): one channel each.
reports="junit.xml junit-2.xml junit-3.xml report.json report-2.json report-3.json report.tap report-2.tap report-3.tap
  coverage.xml lcov.info"
report_cap=$((64 * 1024 * 1024 + 1))
head_cap=65536
timeout_s=$1
limit=$2
shift 2
umask 022

fail() {
  echo "$1" >"$ctl/runner.error"
  exit 3
}
for tool in setpriv mkfifo tee timeout chown stat find; do
  command -v "$tool" >/dev/null 2>&1 ||
    fail "the sandbox image has no '$tool', which the step runner needs to run steps unprivileged (util-linux, coreutils)"
done
owner=$(stat -c %u:%g "$ctl")
case $owner in "$uid":*) fail "the host user that owns the run directory is uid $uid, the sandbox's step user" ;; esac

as_user() {
  setpriv --reuid=$uid --regid=$uid --clear-groups --inh-caps=-all --bounding-set=-all "$@"
}

# Kills every process of the step user (kill -1 spares only the caller) until none but zombies is left. kill -1
# succeeds whenever any other process exists, so /proc says when it is done.
kill_steps() {
  tries=0
  while [ $tries -lt 50 ]; do
    as_user sh -c 'kill -9 -1' 2>/dev/null
    alive=
    for status in /proc/[0-9]*/status; do
      state= user=
      while read -r key value _; do
        case $key in State:) state=$value ;; Uid:) user=$value; break ;; esac
      done <"$status" 2>/dev/null
      if [ "$user" = $uid ] && [ "$state" != Z ]; then alive=1; break; fi
    done
    [ -z "$alive" ] && return
    tries=$((tries + 1))
  done
}

cpu_ns() {
  if [ -r /sys/fs/cgroup/cpu.stat ]; then
    while read -r key value; do
      if [ "$key" = usage_usec ]; then echo "${value}000"; return; fi
    done </sys/fs/cgroup/cpu.stat
  fi
  cat /sys/fs/cgroup/cpuacct/cpuacct.usage 2>/dev/null ||
    cat /sys/fs/cgroup/cpu,cpuacct/cpuacct.usage 2>/dev/null || echo -1
}

peak_bytes() {
  cat /sys/fs/cgroup/memory.peak 2>/dev/null ||
    cat /sys/fs/cgroup/memory/memory.max_usage_in_bytes 2>/dev/null || echo -1
}

oom_kills() {
  for file in /sys/fs/cgroup/memory.events /sys/fs/cgroup/memory/memory.oom_control; do
    if [ -r "$file" ]; then
      while read -r key value; do
        if [ "$key" = oom_kill ]; then echo "$value"; return; fi
      done <"$file"
    fi
  done
  echo 0
}

# Reads the FIFO $out/$1 until the runner seals: keeps the first non-empty document, counts the others.
collect() {
  name=$1
  writes=0
  while :; do
    head -c $report_cap "$out/$name" >"$ctl/report.$name.part" 2>/dev/null
    if [ -s "$ctl/report.$name.part" ]; then
      writes=$((writes + 1))
      if [ $writes = 1 ]; then
        mv "$ctl/report.$name.part" "$ctl/report.$name"
      else
        echo $writes >"$ctl/report.$name.writes"
      fi
    elif [ -e "$ctl/sealed" ]; then
      break
    fi
  done
  rm -f "$ctl/report.$name.part"
}

open_reports() {
  collectors=
  # Readable too: reporters such as vitest's open their file read-write ("w+"). A step that reads a channel can
  # only take bytes away from the collector, which then keeps a broken document: a failure, never better numbers.
  (cd "$out" && mkfifo -m 0666 $reports) || fail "cannot create the report channels in $out"
  for name in $reports; do
    collect "$name" &
    collectors="$collectors $!"
  done
}

# Called when no step process is left: every document is complete. Wakes each collector blocked in open
# with empty writes until it has seen the seal, then removes the channels.
seal_reports() {
  : >"$ctl/sealed"
  pokers=
  for name in $reports; do
    (while :; do : >"$out/$name"; done) 2>/dev/null &
    pokers="$pokers $!"
  done
  for pid in $collectors; do wait "$pid"; done
  for pid in $pokers; do kill -9 "$pid" 2>/dev/null; done
  for pid in $pokers; do wait "$pid" 2>/dev/null; done
  (cd "$out" && rm -f $reports)
}

as_user mkdir -p "$HOME" 2>/dev/null
deadline=$(($(date +%s) + timeout_s))
for step in "$@"; do
  left=$((deadline - $(date +%s)))
  if [ "$left" -le 0 ]; then echo "$step" >"$ctl/timeout"; break; fi
  if [ "$step" = test ]; then
    open_reports
    # The first bytes of the test output, where runners print what they collected before any test runs.
    mkfifo -m 0600 "$ctl/test.head.fifo"
    head -c $head_cap "$ctl/test.head.fifo" >"$ctl/test.head" &
    header=$!
  fi
  before=$(cpu_ns)
  started=$(date +%s)
  {
    # timeout runs as root, so that the step cannot kill its own limit.
    cd /workspace && timeout -k 2 "$left" setpriv --reuid=$uid --regid=$uid --clear-groups --inh-caps=-all \
      --bounding-set=-all sh "$steps/$step.sh" </dev/null 2>&1
    echo $? >"$ctl/$step.exit"
    # Processes the step left behind hold the output pipe open; none may outlive the step.
    kill_steps
  } | if [ "$step" = test ]; then
    tee -p "$ctl/test.head.fifo" | tail -c "$limit" >"$ctl/$step.log"
  else
    tail -c "$limit" >"$ctl/$step.log"
  fi
  if [ "$step" = test ]; then
    wait $header
    rm -f "$ctl/test.head.fifo"
  fi
  echo "$before $(cpu_ns)" >"$ctl/$step.cpu"
  [ "$step" = test ] && seal_reports
  code=$(cat "$ctl/$step.exit" 2>/dev/null || echo -1)
  # timeout exits 124 when its TERM worked, 128+9 when it had to KILL after the grace period.
  if [ "$code" = 124 ] || { [ "$code" = 137 ] && [ $(($(date +%s) - started)) -ge "$left" ]; }; then
    echo "$step" >"$ctl/timeout"
    break
  fi
  if [ "$step" = setup ] && [ "$code" != 0 ]; then break; fi
done
echo "$(peak_bytes) $(oom_kills)" >"$ctl/usage"
# Hands what the run left behind to the host user that owns the run directory, who reads and deletes it
# (-xdev: read-only mounts inside the workspace are not the run's).
find /workspace "$ctl" -xdev \( ! -uid "${owner%:*}" -exec chown -h "$owner" {} + \) , \
  \( -type d ! -perm -u=rwx -exec chmod u+rwx {} + \) 2>/dev/null
exit 0
