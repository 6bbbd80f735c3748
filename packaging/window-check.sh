#!/usr/bin/env bash
# Opens the workbench through COMMAND, waits for its window to show the open image, checks what a
# desktop sees of the window, and quits it through File > Quit as a person would:
#
#   window-check.sh [--wm-class CLASS] [--image DIR] LOG COMMAND [ARG ...]
#
# Runs inside an X session (xvfb-run gives one); needs xdotool and, for --wm-class, xprop.
# COMMAND may start the workbench itself (bin/batos-workbench) or have it started and return at
# once (gio launch ENTRY, as a desktop menu does), so the workbench's process is found from its
# window (_NET_WM_PID), never as COMMAND's child.
# --wm-class: the window's WM_CLASS must be CLASS, the desktop entry's StartupWMClass, by which a
# dock or task bar matches the window to its menu entry (icon, name, one group).
# --image: the title must name DIR, the image the workbench opened.
# Prints one line on success; exits 1 with the reason otherwise. COMMAND's output goes to LOG.
set -uo pipefail

wm_class='' image=''
while [ $# -gt 0 ]; do
    case "$1" in
        --wm-class) wm_class=$2; shift 2 ;;
        --image) image=$2; shift 2 ;;
        *) break ;;
    esac
done
log=${1:?usage: window-check.sh [--wm-class CLASS] [--image DIR] LOG COMMAND [ARG ...]}
shift
[ $# -gt 0 ] || { echo "window-check: no COMMAND"; exit 2; }

"$@" > "$log" 2>&1 &
launcher=$!
window=$(timeout 120 xdotool search --sync --name 'BAT OS Workbench .* tx [0-9]+' | head -1)
if [ -z "$window" ]; then
    echo "no workbench window within 120 s"
    kill "$launcher" 2> /dev/null
    exit 1
fi
title=$(xdotool getwindowname "$window")
pid=$(xdotool getwindowpid "$window" 2> /dev/null || true)
[ -n "$pid" ] || { echo "the window ($title) has no _NET_WM_PID"; exit 1; }
problems=''   # what is wrong, "; " between
problem() { problems="${problems:+$problems; }$1"; }
if [ -n "$image" ] && [[ "$title" != *" — $image — tx "* ]]; then
    problem "the title does not name $image"
fi
if [ -n "$wm_class" ]; then
    seen=$(xprop -id "$window" WM_CLASS 2> /dev/null | sed -n 's/^WM_CLASS(STRING) = //p')
    [ "$seen" = "\"$wm_class\", \"$wm_class\"" ] || problem "WM_CLASS is ${seen:-missing}, not the entry's $wm_class"
fi
sleep 1
# File > Quit from the keyboard (F10 selects the menu bar), a key at a time.
xdotool windowfocus --sync "$window"
for key in F10 Down Return; do sleep 0.5; xdotool key "$key"; done
for _ in $(seq 1 300); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2> /dev/null; then
    kill "$pid"
    echo "still running after File > Quit: $title"
    exit 1
fi
# The workbench's exit status where COMMAND was the workbench; a launcher's own where it was not.
wait "$launcher"
status=$?
[ "$status" -eq 0 ] || problem "$1 exited with status $status"
if [ -n "$problems" ]; then
    echo "$title: $problems"
    exit 1
fi
echo "$title${wm_class:+ (WM_CLASS $wm_class)}, quit from the menu"
