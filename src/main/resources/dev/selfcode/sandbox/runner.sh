# Selfcode's step runner, run by /bin/sh as the sandbox container's command:
#   sh -c "$RUNNER" runner TIMEOUT_SECONDS OUTPUT_LIMIT_BYTES STEP...
# Runs /selfcode/steps/STEP.sh in /workspace for each STEP in order under one deadline, and leaves in
# /selfcode/ctl: STEP.exit (exit code), STEP.log (last OUTPUT_LIMIT bytes of stdout+stderr), STEP.cpu
# (cgroup CPU nanoseconds before and after), usage (peak memory bytes, OOM kills) and, when the deadline
# passed, timeout (the step that ran out of time). A failing setup step stops the run.
# Only POSIX sh, cat, date and tail are assumed; coreutils' timeout is used when the image has it.
set -u
ctl=/selfcode/ctl
steps=/selfcode/steps
timeout_s=$1
limit=$2
shift 2
mkdir -p "$HOME" "$SELFCODE_OUT" 2>/dev/null

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

deadline=$(($(date +%s) + timeout_s))
for step in "$@"; do
  left=$((deadline - $(date +%s)))
  if [ "$left" -le 0 ]; then echo "$step" >"$ctl/timeout"; break; fi
  limiter=
  if command -v timeout >/dev/null 2>&1; then limiter="timeout -k 2 $left"; fi
  before=$(cpu_ns)
  started=$(date +%s)
  {
    cd /workspace && $limiter sh "$steps/$step.sh" </dev/null 2>&1
    echo $? >"$ctl/$step.exit"
  } | tail -c "$limit" >"$ctl/$step.log"
  echo "$before $(cpu_ns)" >"$ctl/$step.cpu"
  code=$(cat "$ctl/$step.exit" 2>/dev/null || echo -1)
  # timeout exits 124 when its TERM worked, 128+9 when it had to KILL after the grace period.
  if [ -n "$limiter" ] && { [ "$code" = 124 ] || { [ "$code" = 137 ] && [ $(($(date +%s) - started)) -ge "$left" ]; }; }; then
    echo "$step" >"$ctl/timeout"
    break
  fi
  if [ "$step" = setup ] && [ "$code" != 0 ]; then break; fi
done
echo "$(peak_bytes) $(oom_kills)" >"$ctl/usage"
# Lets a host user other than root delete what the run left behind.
chmod -R a+rwX /workspace "$SELFCODE_OUT" 2>/dev/null
exit 0
