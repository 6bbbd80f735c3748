#!/usr/bin/env bash
# Measures how long the packaged workbench takes to start, from outside (no workbench code
# involved), under a virtual X server:
#
#   xvfb-run -a -s "-screen 0 1600x1000x24" packaging/measure-startup.sh [--record NAME] [RUNS] -- COMMAND...
#   e.g. ... packaging/measure-startup.sh --record deb 5 -- /opt/batos/bin/batos
#        ... packaging/measure-startup.sh --record jar 5 -- java -jar target/batos.jar   (the checkout, to compare)
#
# Each run opens a fresh copy of one image made beforehand (so no run pays for creating it, and
# none finds the index of a killed predecessor), and times, from the moment the command starts:
#   window  - the first window is mapped (the "Opening ..." pane)
#   usable  - the window's title shows the open image's last transaction ("... — tx N"): the
#             image is open and the browser, editor and inspector are built
# then quits through File > Quit and checks the exit status. Also times `image info` on the same
# image, a floor for any start of the JVM and the image. Prints each run and the medians, in ms.
# With --record NAME the medians also go into the benchmark record (src/bench/results/package.json,
# through target/batos.jar of this checkout); render BENCHMARKS.md's table afterwards with
#   mvn -q -o -Pbench test-compile exec:exec -Dbench.main=io.batos.bench.BenchmarkTable -Dbench.args=
# Needs xdotool (and a display: run it under xvfb-run).
set -euo pipefail

runs=5 record=""
if [ "${1:-}" = --record ]; then record=$2; shift 2; fi
if [ $# -gt 0 ] && [ "$1" != -- ]; then runs=$1; shift; fi
[ "${1:-}" = -- ] && shift
[ $# -gt 0 ] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
checkout=$(cd "$(dirname "$0")/.." && pwd)
invocation="packaging/measure-startup.sh --record $record $runs -- $*"
command -v xdotool > /dev/null || { echo "measure-startup: xdotool is missing" >&2; exit 2; }
[ -n "${DISPLAY:-}" ] || { echo "measure-startup: no DISPLAY; run it under xvfb-run" >&2; exit 2; }
cmd=("$@")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/batos-startup.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config"   # the same default window layout every run
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
# Polls every 20 ms (xdotool's own --sync polls every half second).
wait_for() {
    local pattern=$1 deadline=$(( $(date +%s) + 120 ))
    until [ -n "$(xdotool search --onlyvisible --name "$pattern" 2>/dev/null || true)" ]; do
        [ "$(date +%s)" -lt "$deadline" ] || return 1
        sleep 0.02
    done
}

env -u DISPLAY "${cmd[@]}" image init --image "$tmp/pristine" > /dev/null 2>&1
load_before=$(cut -d' ' -f1 /proc/loadavg)
windows=() usables=() infos=()
for i in $(seq 1 "$runs"); do
    rm -rf "$tmp/image" && cp -a "$tmp/pristine" "$tmp/image"
    start=$(now)
    "${cmd[@]}" --image "$tmp/image" > "$tmp/run.log" 2>&1 &
    pid=$!
    wait_for 'BAT OS Workbench' || { echo "run $i: no window"; cat "$tmp/run.log"; kill "$pid"; exit 1; }
    shown=$(now)
    wait_for 'BAT OS Workbench .* tx [0-9]+' || { echo "run $i: the image never opened"; cat "$tmp/run.log"; kill "$pid"; exit 1; }
    ready=$(now)
    window=$(xdotool search --onlyvisible --name 'BAT OS Workbench .* tx [0-9]+' | head -1)
    # File > Quit from the keyboard; tried again if the window is still there 10 s later.
    for attempt in 1 2 3; do
        sleep 1
        xdotool windowfocus --sync "$window" 2>/dev/null || true
        for key in Escape F10 Down Return; do sleep 0.3; xdotool key "$key"; done
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null || break
    done
    if kill -0 "$pid" 2>/dev/null; then echo "run $i: still running after three Quits"; kill "$pid"; exit 1; fi
    status=0; wait "$pid" || status=$?
    [ "$status" -eq 0 ] || { echo "run $i: exit status $status after Quit"; cat "$tmp/run.log"; exit 1; }
    t0=$(now); env -u DISPLAY "${cmd[@]}" image info --image "$tmp/image" > /dev/null 2>&1; t1=$(now)
    windows+=("$(ms "$start" "$shown")") usables+=("$(ms "$start" "$ready")") infos+=("$(ms "$t0" "$t1")")
    echo "run $i: window ${windows[-1]} ms, usable ${usables[-1]} ms, image info ${infos[-1]} ms"
done
window=$(printf '%s\n' "${windows[@]}" | median)
usable=$(printf '%s\n' "${usables[@]}" | median)
info=$(printf '%s\n' "${infos[@]}" | median)
echo "median of $runs: window $window ms, usable $usable ms, image info $info ms"
[ -n "$record" ] || exit 0

# The runtime that ran it: the bundled one beside a packaged launcher, else `java` on the PATH.
release="$(dirname "$(readlink -f "$(command -v "${cmd[0]}")")")/../lib/runtime/release"
if [ -f "$release" ]; then
    jdk="Java $(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$release") (bundled runtime)"
else
    jdk="Java $(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
fi
spread() { printf '%s\n' "$@" | sort -n | sed -n '1p;$p' | paste -sd- | sed 's/-/–/'; }
row() {  # id what figure detail
    printf '{"id": "startup %s %s", "what": "%s", "figure": %s, "unit": "ms", "detail": "%s", "target": "",
      "command": "xvfb-run -a -s \\"-screen 0 1600x1000x24\\" %s", "jdk": "%s", "load": "%s"}' \
        "$record" "$1" "$2" "$3" "$4" "$invocation" "$jdk" "$load"
}
load=$(printf '%.1f\n' "$load_before" "$(cut -d' ' -f1 /proc/loadavg)" | sort -n | uniq | paste -sd- | sed 's/-/–/')
{
    echo '{"records": ['
    row usable "Start-up of \`$*\` to a usable workbench window (the image open, browser, editor and inspector built), median of $runs" \
        "$usable" "runs $(spread "${usables[@]}") ms; the first window after $window ms"
    echo ','
    row window "Start-up of \`$*\` to its first window, median of $runs" "$window" "runs $(spread "${windows[@]}") ms"
    echo ','
    row imageInfo "\`$* image info\` on the same image, the floor of any start, median of $runs" "$info" \
        "runs $(spread "${infos[@]}") ms"
    echo ']}'
} > "$tmp/records.json"
(cd "$checkout" && java -cp target/batos.jar io.batos.cli.bench.BenchmarkLedger package "$tmp/records.json")
