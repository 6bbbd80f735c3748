#!/usr/bin/env bash
# Checks a packaged BAT OS Workbench with its bundled runtime, without installing anything:
#
#   packaging/smoke-test.sh APP_DIR
#
# APP_DIR holds bin/batos: the app image (target/jpackage/batos/app-image/batos) or a .deb
# unpacked without root (dpkg-deb -x target/batos_*.deb /tmp/root; APP_DIR=/tmp/root/opt/batos).
# Checks: the command line; javac in the runtime (a method installs and answers); ONNX Runtime
# and tokenizer natives (generate on a fixture model); the CUDA device used, or refused with the
# reason; the runtime's JPEG codec on the system's libjpeg; the default image places of the
# `batos` command (./live_image) and of the desktop command (the XDG data directory); where
# xvfb-run and xdotool exist, that the workbench window opens and quits cleanly; and where the
# package is installed, that its menu entry is valid and opens the same window when GIO launches it.
set -euo pipefail

app=${1:?usage: smoke-test.sh APP_DIR}
app=$(cd "$app" && pwd)
batos="$app/bin/batos"
[ -x "$batos" ] || { echo "smoke-test: $batos is missing" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/batos-smoke.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
# Runs without a display, whatever the caller has: every check but the last is headless.
headless() { env -u DISPLAY -u WAYLAND_DISPLAY "$@"; }

out=$(headless "$batos" --help 2>&1) && grep -q "Usage: batos" <<< "$out" && pass "batos --help" || fail "batos --help: $out"
out=$(headless "$batos" --version 2>&1) && pass "batos --version: $out" || fail "batos --version: $out"

img="$tmp/img"
out=$(headless "$batos" image init --image "$img" 2>&1) && pass "image init: $out" || fail "image init: $out"
out=$(headless "$batos" image info --image "$img" --json 2>&1) && grep -q '"objects"' <<< "$out" \
    && pass "image info --json: $(tr -d ' \n' <<< "$out")" || fail "image info: $out"

# javac in the bundled runtime: a method compiles, installs and answers.
cat > "$tmp/greet.java" <<'EOF'
Object greet(UvmObject self, Object... args) {
    return "Hello, " + args[0] + "!";
}
EOF
out=$(headless "$batos" method install lobby greet --file "$tmp/greet.java" --image "$img" 2>&1) \
    && pass "method install: $out" || fail "method install (javac in the runtime?): $out"
out=$(headless "$batos" send lobby greet '"you"' --image "$img" 2> "$tmp/stderr") && [ "$out" = '"Hello, you!"' ] \
    && pass "send lobby greet: $out" || fail "send lobby greet: $out $(cat "$tmp/stderr")"

# ONNX Runtime and the tokenizer library load their natives from the jar.
out=$(headless "$batos" model fixture --kind tiny-llama --out "$tmp/model" 2>&1) \
    && pass "model fixture: $out" || fail "model fixture: $out"
out=$(cd "$tmp" && DJL_CACHE_DIR="$tmp/djl" headless "$batos" generate --model "$tmp/model" --prompt hi --max-tokens 8 --json 2>&1) \
    && grep -q '"generatedTokens" : 8' <<< "$out" \
    && pass "generate: $(grep -E '"(generatedTokens|stopReason|device)"' <<< "$out" | tr -d ' \n')" || fail "generate: $out"

# The CUDA device: a GPU build where CUDA 12 and cuDNN 9 are installed runs on it; every other
# case refuses in one line that says why, and with cuda,cpu runs on the CPU and says why.
out=$(cd "$tmp" && DJL_CACHE_DIR="$tmp/djl" headless "$batos" generate --model "$tmp/model" --prompt hi --max-tokens 4 --device cuda --json 2> "$tmp/stderr") \
    && status=0 || status=$?
why=$(cat "$tmp/stderr")
if [ "$status" -eq 0 ] && grep -q '"device" : "cuda:0"' <<< "$out"; then
    pass "generate --device cuda runs on cuda:0"
elif [ "$status" -ne 0 ] && [ "$(grep -c . <<< "$why")" -eq 1 ] && [[ "$why" == "batos: cannot run on cuda:0: "* ]]; then
    pass "generate --device cuda refuses in one line (exit $status): $why"
else
    fail "generate --device cuda (exit $status): $out $why"
fi
out=$(cd "$tmp" && DJL_CACHE_DIR="$tmp/djl" headless "$batos" generate --model "$tmp/model" --prompt hi --max-tokens 4 --device cuda,cpu --json 2> "$tmp/stderr") \
    && { grep -q '"device" : "cuda:0"' <<< "$out" || { grep -q '"device" : "cpu"' <<< "$out" && grep -q "^batos: running on cpu because " "$tmp/stderr"; }; } \
    && pass "generate --device cuda,cpu: $(grep '"device"' <<< "$out" | tr -d ' '), $(cat "$tmp/stderr")" \
    || fail "generate --device cuda,cpu: $out $(cat "$tmp/stderr")"

# The runtime's own native libraries that link the system's: its JPEG codec needs libjpeg.so.62,
# which Depends names with alternatives (libjpeg62-turbo on Debian, libjpeg62 on Ubuntu). A JPEG
# written and read back through ImageIO loads it and calls into it.
cat > "$tmp/Jpeg.java" <<'EOF'
public class Jpeg {
    public static void main(String[] args) throws Exception {
        var image = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(8, 8, 0xff0000);
        var bytes = new java.io.ByteArrayOutputStream();
        if (!javax.imageio.ImageIO.write(image, "jpeg", bytes)) throw new IllegalStateException("no JPEG writer");
        var back = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        System.out.println(bytes.size() + " bytes, read back as " + back.getWidth() + "x" + back.getHeight());
    }
}
EOF
out=$(headless "$app/lib/runtime/bin/java" -Djava.awt.headless=true "$tmp/Jpeg.java" 2>&1) && [[ "$out" == *"read back as 64x48" ]] \
    && pass "the runtime's JPEG codec (libjpeg.so.62): $out" || fail "the runtime's JPEG codec: $out"

# The `batos` command keeps the checkout's default: ./live_image in the working directory.
mkdir -p "$tmp/cwd"
out=$(cd "$tmp/cwd" && headless "$batos" 2>&1) && [ -f "$tmp/cwd/live_image/image.log" ] \
    && pass "batos (no display) describes ./live_image: $(grep -c . <<< "$out") lines" || fail "batos in a working directory: $out"
out=$(cd "$tmp/cwd" && JAVA_TOOL_OPTIONS=-Djava.awt.headless=true "$batos" 2>&1) && grep -q "java.awt.headless is set" <<< "$out" \
    && pass "batos with java.awt.headless=true describes the image" || fail "batos headless: $out"

# The desktop command opens the XDG data directory, never the working directory.
workbench="$app/bin/batos-workbench"
mkdir -p "$tmp/desk" "$tmp/home"
out=$(cd "$tmp/desk" && XDG_DATA_HOME="$tmp/xdg" headless "$workbench" 2>&1) \
    && [ -f "$tmp/xdg/batos/live_image/image.log" ] && [ ! -e "$tmp/desk/live_image" ] \
    && pass "batos-workbench uses \$XDG_DATA_HOME/batos/live_image" || fail "batos-workbench with XDG_DATA_HOME: $out"
out=$(cd "$tmp/desk" && headless env -u XDG_DATA_HOME HOME="$tmp/home" "$workbench" 2>&1) \
    && [ -f "$tmp/home/.local/share/batos/live_image/image.log" ] && [ ! -e "$tmp/desk/live_image" ] \
    && pass "batos-workbench falls back to ~/.local/share/batos/live_image" || fail "batos-workbench without XDG_DATA_HOME: $out"

# The window, where an X server can be made up (window-check.sh lies beside this script).
here=$(dirname "$(readlink -f "$0")")
if command -v xvfb-run > /dev/null && command -v xdotool > /dev/null && [ -x "$here/window-check.sh" ]; then
    x() { HOME="$tmp/home" XDG_DATA_HOME="$tmp/xdg" XDG_CONFIG_HOME="$tmp/config" xvfb-run -a -s "-screen 0 1600x1000x24" "$@"; }
    out=$(x "$here/window-check.sh" --image "$tmp/xdg/batos/live_image" "$tmp/window.log" "$workbench" 2>&1) \
        && pass "workbench window opened and quit: $out" || fail "workbench window: $out $(cat "$tmp/window.log")"
    [ -f "$tmp/config/batos/workbench.json" ] && pass "window state saved in \$XDG_CONFIG_HOME/batos/workbench.json" \
        || echo "note no workbench.json in \$XDG_CONFIG_HOME/batos"

    # The menu entry of an installed package, launched the way a desktop's menu launches it: GIO
    # reads the entry (TryExec, Exec) and starts it from / rather than from any project directory.
    entry=$(grep -lx "Exec=$workbench" /usr/share/applications/*.desktop /usr/local/share/applications/*.desktop 2> /dev/null | head -1 || true)
    if [ -z "$entry" ]; then
        echo "skip the menu entry (none in /usr/share/applications runs $workbench: not installed)"
    else
        if command -v desktop-file-validate > /dev/null; then
            out=$(desktop-file-validate "$entry" 2>&1) && pass "desktop-file-validate $entry" || fail "desktop-file-validate $entry: $out"
        fi
        if command -v gio > /dev/null && command -v xprop > /dev/null; then
            class=$(sed -n 's/^StartupWMClass=//p' "$entry")
            out=$(cd / && x "$here/window-check.sh" --image "$tmp/xdg/batos/live_image" ${class:+--wm-class "$class"} \
                    "$tmp/menu.log" gio launch "$entry" 2>&1) && [ ! -e /live_image ] \
                && pass "the menu entry launched by gio from /: $out" || fail "the menu entry launched by gio: $out $(cat "$tmp/menu.log")"
        else
            echo "skip launching the menu entry (gio and xprop are not both installed)"
        fi
    fi
else
    echo "skip the workbench window (xvfb-run, xdotool or window-check.sh is missing)"
fi

if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed"
