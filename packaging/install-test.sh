#!/usr/bin/env bash
# Installs a BAT OS Workbench .deb for real, with apt-get and its maintainer scripts, into a clean
# Debian 12 (bookworm) or Ubuntu root tree, runs the installed commands there as an ordinary user,
# and removes the package again:
#
#   sudo packaging/install-test.sh [--root DIR] [--suite S] [--mirror URL] [--upgrade-from OLD.deb] DEB
#
# S is bookworm (Debian 12, the default) or an Ubuntu release such as noble (24.04) or jammy
# (22.04). DIR is the root tree. If it already holds a bootstrapped system of that release (from an
# earlier run) it is reused, which saves the minute of debootstrap and the downloads; otherwise
# `debootstrap --variant=minbase S` makes one there (for Ubuntu with the archive key pinned below). Without --root a temporary one is made and deleted
# at the end. Each run leaves the root as it found it: what apt installed (the package, its
# Depends, the test tools) is purged again and the test user deleted; the downloaded .debs stay
# in the root's /var/cache/apt/archives.
# Checks, inside the root (chroot, with /proc, /sys and /dev mounted while it runs; P is the
# package, batos or batos-cuda):
#   - with --upgrade-from: apt-get installs OLD.deb (an older version of the same package) first,
#     the test user makes an image with it (the demo, plus one slot set), and then DEB is installed
#     over it as an upgrade (old prerm, new postinst); after the upgrade the new version opens that
#     image: the history the old one wrote is unchanged, the slot holds its value, `image verify`
#     passes and a method the old version installed runs;
#   - apt-get installs the .deb and the Depends it names, and runs postinst: `dpkg -s` says
#     installed, /usr/bin/batos is the alternative for /opt/P/bin/batos, the menu entry is in place
#     (a fresh root has no /usr/share/desktop-directories, like any system without a desktop menu),
#     every shared library under /opt/P finds its dependencies (so Depends is complete), and
#     every file under /opt/P belongs to the package (nothing of an older version is left);
#   - as a user made with useradd -m, with no DISPLAY: `batos image init`/`image info` on PATH,
#     bare `batos` in a new working directory (describes ./live_image), `batos-workbench`
#     (~/.local/share/batos/live_image);
#   - packaging/smoke-test.sh on /opt/P as that user (javac in the runtime, ONNX Runtime, and, with
#     Xvfb, xdotool, xprop, gio and desktop-file-validate apt-installed into the root for the
#     purpose, the workbench window under Xvfb, and the menu entry validated and launched by GIO);
#   - `apt-get remove` runs prerm: /opt/P, /usr/bin/batos and the menu entry are gone, the user's
#     images are not.
# Needs: root (chroot and mount), debootstrap (apt-get install debootstrap), dpkg-deb, gpg, and
# network access to a mirror: --mirror, else $BATOS_DEBIAN_MIRROR for Debian, else
# http://deb.debian.org/debian or http://archive.ubuntu.com/ubuntu.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=
mirror=
suite=bookworm
user=batos-test
deb=
old_deb=

usage() {
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        --root) root=$2; shift 2 ;;
        --mirror) mirror=$2; shift 2 ;;
        --suite) suite=$2; shift 2 ;;
        --upgrade-from) old_deb=$2; shift 2 ;;
        -h|--help) usage ;;
        -*) echo "install-test: unknown argument '$1'" >&2; usage ;;
        *) [ -z "$deb" ] || usage; deb=$1; shift ;;
    esac
done
[ -n "$deb" ] || usage

die() { echo "install-test: $*" >&2; exit 2; }
say() { echo "[install-test] $*" >&2; }
failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
note() { echo "note $*"; }

[ "$(id -u)" -eq 0 ] || die "needs root (chroot, mount, apt-get in the root tree)"
# The release's archive: where it is, which parts of it apt reads, and for Ubuntu (whose keys a
# Debian host does not have) the one key its releases since 2018 are signed with.
case "$suite" in
    bookworm)
        mirror=${mirror:-${BATOS_DEBIAN_MIRROR:-http://deb.debian.org/debian}}
        sources="deb $mirror $suite main" ;;
    jammy|noble|oracular|plucky|questing)
        mirror=${mirror:-http://archive.ubuntu.com/ubuntu}
        # "Ubuntu Archive Automatic Signing Key (2018) <ftpmaster@ubuntu.com>"
        archive_key=F6ECB3762474EDA9D21B7022871920D1991BC93C
        # xdotool, for the window check, is in universe; the updates pockets are what a user has.
        sources=$(printf 'deb %s %s main universe\n' "$mirror" "$suite" "$mirror" "$suite-updates" "$mirror" "$suite-security") ;;
    *) die "unknown --suite '$suite' (bookworm, or an Ubuntu release: jammy, noble, ...)" ;;
esac
[ -f "$deb" ] || die "$deb is missing"
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
package=$(dpkg-deb -f "$deb" Package)
version=$(dpkg-deb -f "$deb" Version)
install_dir=/opt/$package
if [ -n "$old_deb" ]; then
    [ -f "$old_deb" ] || die "$old_deb is missing"
    old_deb=$(cd "$(dirname "$old_deb")" && pwd)/$(basename "$old_deb")
    [ "$(dpkg-deb -f "$old_deb" Package)" = "$package" ] || die "$old_deb is not a $package package"
    old_version=$(dpkg-deb -f "$old_deb" Version)
    dpkg --compare-versions "$old_version" lt "$version" || die "$old_deb ($old_version) is not older than $deb ($version)"
fi
command -v debootstrap > /dev/null || die "debootstrap is missing (apt-get install debootstrap)"

# --- the root tree ------------------------------------------------------------------------------
temporary=
if [ -z "$root" ]; then
    root=$(mktemp -d "${TMPDIR:-/tmp}/batos-root.XXXXXX")
    chmod 0755 "$root"   # apt downloads as the user _apt, who must reach the root's /var/cache/apt
    temporary=yes
fi
mkdir -p "$root"
root=$(cd "$root" && pwd)
[ "$root" != / ] || die "--root must not be /"

mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[$i]}" 2> /dev/null || umount -l "${mounted[$i]}" || true
    done
    # Never delete through a mount that is still there (/dev is the host's own).
    if [ -n "$temporary" ] && ! grep -q " $root/" /proc/mounts; then
        rm -rf --one-file-system "$root"
    fi
}
trap cleanup EXIT

os_release() { (. "$root/etc/os-release" && printf '%s\n' "${!1}"); }
if [ -f "$root/var/lib/dpkg/status" ] && [ -x "$root/usr/bin/apt-get" ]; then
    [ "$(os_release VERSION_CODENAME)" = "$suite" ] || die "$root holds $(os_release PRETTY_NAME), not $suite"
    say "reusing the $(os_release PRETTY_NAME) root in $root"
elif [ -z "$(ls -A "$root")" ]; then
    keyring=()
    script=()
    if [ -n "${archive_key:-}" ]; then
        # The keyring package from the archive itself, trusted only for the pinned key in it: a
        # keyring without that key leaves an empty export, and debootstrap then refuses the Release.
        gnupg=$(mktemp -d)
        file=$(curl -fsS "$mirror/dists/$suite/main/binary-amd64/Packages.gz" | zcat \
            | awk '/^Package: ubuntu-keyring$/ { p = 1 } p && /^Filename: / { print $2; p = 0 }' | head -1)
        [ -n "$file" ] || die "no ubuntu-keyring in $mirror $suite"
        curl -fsS -o "$gnupg/keyring.deb" "$mirror/$file" && dpkg-deb -x "$gnupg/keyring.deb" "$gnupg/x" \
            && gpg --homedir "$gnupg" -q --import "$gnupg/x/usr/share/keyrings/ubuntu-archive-keyring.gpg" 2> /dev/null \
            && gpg --homedir "$gnupg" -q --export "$archive_key" > "$root.keyring.gpg" && [ -s "$root.keyring.gpg" ] \
            || die "the archive key $archive_key is not in $mirror/$file"
        rm -rf "$gnupg"
        keyring=(--keyring "$root.keyring.gpg")
        # This debootstrap may be older than the release: Ubuntu's script is one for all of them.
        [ -e "/usr/share/debootstrap/scripts/$suite" ] || script=(/usr/share/debootstrap/scripts/gutsy)
    fi
    say "debootstrap --variant=minbase $suite $root $mirror"
    debootstrap --variant=minbase "${keyring[@]}" "$suite" "$root" "$mirror" "${script[@]}" > "$root.debootstrap.log" 2>&1 \
        || { tail -20 "$root.debootstrap.log" >&2; die "debootstrap failed (log: $root.debootstrap.log)"; }
    grep -h 'Valid Release signature' "$root.debootstrap.log" | sed 's/^I: /[install-test] /' >&2 || true
    rm -f "$root.debootstrap.log" "$root.keyring.gpg"
else
    die "$root is neither empty nor a bootstrapped Debian or Ubuntu root"
fi

bind() {   # mount TYPE-or---bind SOURCE TARGET, undone on exit
    mountpoint -q "$3" && return 0
    mkdir -p "$3"
    if [ "$1" = --bind ]; then mount --bind "$2" "$3"; else mount -t "$1" "$2" "$3"; fi
    mounted+=("$3")
}
bind proc proc "$root/proc"
bind sysfs sysfs "$root/sys"
bind --bind /dev "$root/dev"
bind --bind /dev/pts "$root/dev/pts"
# A plain file, never through a link: Ubuntu's systemd postinst (which apt runs when Depends
# brings systemd) turns /etc/resolv.conf into a link to /run/systemd/resolve/stub-resolv.conf and
# a purge leaves the link, so a reused root would get the file written into the link's target,
# and the next postinst would fail copying it onto itself ("are the same file").
cp --remove-destination /etc/resolv.conf "$root/etc/resolv.conf"
# No services start in the root (dbus and the like are only installed, as in a Docker image).
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"

path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# A command in the root as root, with a clean environment (nothing of the caller's DISPLAY, JAVA_HOME).
in_root() { chroot "$root" /usr/bin/env -i PATH="$path" HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
# A shell command in the root as the test user, in its home directory, with no DISPLAY.
as_user() {
    chroot --userspec="$user:$user" "$root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin \
        HOME="/home/$user" USER="$user" LOGNAME="$user" SHELL=/bin/bash LANG=C.UTF-8 \
        /bin/bash -c "cd && $1"
}
installed() { [ "$(in_root dpkg-query -W -f='${db:Status-Status}' "$1" 2> /dev/null)" = installed ]; }

# What an earlier run that stopped half-way may have left behind.
# For the window and the menu entry: an X server, xdotool and xprop to drive and read the window,
# GIO to launch the entry as a desktop's menu does, desktop-file-validate.
test_tools="xvfb xauth xdotool x11-utils libglib2.0-bin desktop-file-utils"
for leftover in "$package" $test_tools; do
    if in_root dpkg-query -W "$leftover" > /dev/null 2>&1; then
        say "purging $leftover left from an earlier run"
        in_root apt-get purge -y -q --autoremove "$leftover" > "$root/tmp/batos-purge.log" 2>&1 \
            || { tail -5 "$root/tmp/batos-purge.log" >&2; die "cannot purge $leftover from $root: delete the root and run again"; }
        rm -f "$root/tmp/batos-purge.log"
    fi
done
if in_root id "$user" > /dev/null 2>&1; then
    in_root find /tmp -mindepth 1 -maxdepth 1 -user "$user" -exec rm -rf {} + 2> /dev/null || true
    in_root userdel -r "$user" 2> /dev/null || true
fi
work=/tmp/batos-install-test
rm -rf "$root$work" "$root/tmp/x"
mkdir -p "$root$work"

say "$(os_release PRETTY_NAME) in $root ($(in_root dpkg-query -W -f='${db:Status-Status}\n' | grep -cx installed) packages); apt-get update from $mirror"
echo "$sources" > "$root/etc/apt/sources.list"
in_root apt-get update -q > "$root$work/update.log" 2>&1 || { cat "$root$work/update.log"; die "apt-get update failed in the root"; }

# --- install --------------------------------------------------------------------------------------
packages() { in_root dpkg-query -W -f='${db:Status-Status} ${binary:Package}\n' | awk '$1 != "not-installed" { print $2 }' | sort; }
before=$(packages)
# xdg-desktop-menu (postinst, prerm) fails where /usr/share/desktop-directories is missing, as it is
# on a system without a desktop menu; postinst makes it. A root that lacks it checks that case.
if [ -d "$root/usr/share/desktop-directories" ]; then
    menu_dirs=yes
    note "the root has /usr/share/desktop-directories already"
else
    menu_dirs=
    note "the root has no /usr/share/desktop-directories (no desktop menu yet)"
fi
in_root useradd -m -s /bin/bash "$user"
pass "user $user (useradd -m): $(in_root id "$user")"

# --- the older version, and an image it made (--upgrade-from) -----------------------------------
if [ -n "$old_deb" ]; then
    cp "$old_deb" "$root$work/"
    old_name=$(basename "$old_deb")
    if in_root apt-get install -y -q "$work/$old_name" > "$root$work/install-old.log" 2>&1; then
        pass "apt-get install ./$old_name (to upgrade from): $(grep -E '^[0-9]+ upgraded, [0-9]+ newly installed' "$root$work/install-old.log")"
    else
        fail "apt-get install ./$old_name:"
        tail -30 "$root$work/install-old.log" | sed 's/^/     /'
        exit 1
    fi
    out=$(as_user "batos image demo kept > /dev/null && batos set lobby greeting '\"kept from $old_version\"' --image kept" 2>&1) \
        && pass "$old_version: batos image demo kept, batos set lobby greeting: $out" || fail "$old_version made no image: $out"
    old_history=$(as_user 'batos image history --image kept' 2>&1) || fail "$old_version: batos image history: $old_history"
fi

cp "$deb" "$root$work/"
name=$(basename "$deb")
echo "package: $name, $(du -m "$deb" | cut -f1) MiB ($(stat -c %s "$deb") bytes)"
if in_root apt-get install -y -q "$work/$name" > "$root$work/install.log" 2>&1; then
    pass "apt-get install ./$name: $(grep -E '^[0-9]+ upgraded, [0-9]+ newly installed' "$root$work/install.log")"
    if [ -n "$old_deb" ]; then
        grep -qF "Unpacking $package ($version) over ($old_version)" "$root$work/install.log" \
            && pass "it was an upgrade: $(grep -F "Unpacking $package" "$root$work/install.log")" \
            || fail "apt-get did not upgrade $old_version to $version: $(grep -E '^(Unpacking|Setting up)' "$root$work/install.log" | tr '\n' ' ')"
    fi
    grep -E '^(After this operation|Need to get)' "$root$work/install.log" | sed 's/^/     /'
else
    fail "apt-get install ./$name:"
    tail -30 "$root$work/install.log" | sed 's/^/     /'
    exit 1
fi
# What postinst said (jpackage's desktop commands, update-alternatives).
awk -v p="Setting up $package " 'index($0, p) == 1 { on = 1; next } /^(Setting up|Processing triggers) / { on = 0 } on { print "     " $0 }' "$root$work/install.log"

status=$(in_root dpkg -s "$package" 2>&1 || true)
grep -q '^Status: install ok installed' <<< "$status" \
    && pass "dpkg -s $package: $(grep -E '^(Status|Version|Installed-Size):' <<< "$status" | tr '\n' ' ')" \
    || fail "dpkg -s $package: $status"
echo "     Depends: $(sed -n 's/^Depends: //p' <<< "$status")"

target=$(in_root readlink -f /usr/bin/batos 2>&1 || true)
query=$(in_root update-alternatives --query batos 2>&1 || true)
[ "$target" = "$install_dir/bin/batos" ] && grep -q "^Value: $install_dir/bin/batos$" <<< "$query" \
    && pass "/usr/bin/batos -> $(in_root readlink /usr/bin/batos) -> $target (update-alternatives: $(sed -n 's/^Status: //p' <<< "$query"), priority $(sed -n "/^Alternative: ${install_dir//\//\\/}\/bin\/batos$/,/^Priority/s/^Priority: //p" <<< "$query"))" \
    || fail "/usr/bin/batos resolves to '$target': $query"

# The menu entry: jpackage's postinst gives lib/P-batos.desktop to xdg-desktop-menu, which copies it
# into the system's applications directory.
if installed xdg-utils; then
    entries=$(cd "$root" && ls -d usr/share/applications/*batos*.desktop usr/local/share/applications/*batos*.desktop 2> /dev/null || true)
    if [ -n "$entries" ]; then
        for entry in $entries; do
            grep -q "^Exec=$install_dir/bin/batos-workbench$" "$root/$entry" \
                && pass "menu entry /$entry (xdg-desktop-menu): $(grep -E '^(Name|Exec|Icon|Categories)=' "$root/$entry" | tr '\n' ' ')" \
                || fail "menu entry /$entry: $(cat "$root/$entry")"
            icon=$(sed -n 's/^Icon=//p' "$root/$entry")
            [ -f "$root$icon" ] && pass "its icon $icon is there" || fail "menu entry's icon '$icon' is missing"
        done
    else
        fail "no menu entry in /usr/share/applications or /usr/local/share/applications: $(cd "$root" && find usr etc -name '*batos*.desktop' 2> /dev/null | tr '\n' ' ')"
    fi
else
    fail "xdg-utils is not installed in the root, so postinst could not add the menu entry (is it in Depends?)"
fi

# Depends is complete when every library the package brings finds what it links to, among the
# system's libraries or its own: libjvm.so, and libonnxruntime.so.1 (which lies there as
# libonnxruntime.so), are loaded by the JVM from where they lie before the libraries that need them.
missing=$(in_root /bin/sh -c "own=\$(find $install_dir -name '*.so*' -type f -printf '%h\n' | sort -u | paste -sd:)
    find $install_dir -name '*.so*' -type f | while read -r lib; do
        LD_LIBRARY_PATH=\$own ldd \"\$lib\" 2>&1 | grep 'not found' | sed \"s|^[[:space:]]*|\$lib: |\"
    done | sort -u" || true)
own_libs=$(find "$root$install_dir" -name '*.so*' -type f -printf '%f\n')
missing=$(while read -r lib needed _; do
    [ -n "$needed" ] || continue
    grep -qxF -e "$needed" -e "${needed%%.so*}.so" <<< "$own_libs" || echo "$lib $needed not found"
done <<< "$missing")
libs=$(in_root /bin/sh -c "find $install_dir -name '*.so*' -type f | wc -l")
# ONNX Runtime's CUDA and TensorRT providers (batos-cuda) link the NVIDIA driver (libcuda), CUDA 12,
# cuDNN 9 and TensorRT 10, which come from NVIDIA and which Depends does not name: without them the
# package runs on the CPU (smoke-test.sh checks that it says why). Anything else missing is a gap
# in Depends.
nvidia='^[^ ]+ lib(cuda|cublas|cublasLt|cudart|cudnn|cufft|curand|nvinfer|nvinfer_plugin|nvonnxparser|nvrtc)\.so'
if [ "$package" = batos-cuda ] && grep -qE "$nvidia" <<< "$missing"; then
    note "libraries $package needs from NVIDIA for CUDA (not in Depends, not in this root): $(grep -E "$nvidia" <<< "$missing" | awk '{ print $2 }' | sort -u | tr '\n' ' ')"
    missing=$(grep -vE "$nvidia" <<< "$missing" || true)
fi
[ -z "$missing" ] && pass "all $libs shared libraries under $install_dir find their dependencies (ldd)" \
    || fail "libraries under $install_dir miss dependencies that Depends does not bring: $(tr -s ' \t' ' ' <<< "$missing")"

# Nothing under /opt/P that dpkg does not know of: no file of an older version left behind, and
# nothing the maintainer scripts made there.
stray=$(comm -23 <(in_root find "$install_dir" | sort) <(in_root dpkg-query -L "$package" | sort))
files=$(in_root find "$install_dir" -type f | wc -l)
[ -z "$stray" ] && pass "all $files files under $install_dir belong to $package $version (dpkg -L)" \
    || fail "files under $install_dir that $package $version does not own: $(head -20 <<< "$stray" | tr '\n' ' ')"

# --- as a user ----------------------------------------------------------------------------------
if [ -n "$old_deb" ]; then
    history=$(as_user 'batos image history --image kept' 2>&1) \
        && [ "$(head -n "$(wc -l <<< "$old_history")" <<< "$history")" = "$old_history" ] \
        && pass "$version reads the history $old_version wrote unchanged: $(wc -l <<< "$old_history") transactions, the last: $(tail -1 <<< "$old_history" | tr -s ' ' | sed 's/^ //')" \
        || fail "the history of the image $old_version made changed: $(diff <(echo "$old_history") <(echo "$history") | head -10 | tr '\n' ' ')"
    out=$(as_user 'batos get lobby greeting --image kept' 2>&1) && [ "$out" = "\"kept from $old_version\"" ] \
        && pass "$version: batos get lobby greeting --image kept: $out" || fail "$version: batos get lobby greeting: $out"
    out=$(as_user 'batos image verify --image kept' 2>&1) \
        && pass "$version: batos image verify --image kept: $out" || fail "$version: batos image verify: $out"
    out=$(as_user 'batos send lobby.counter increment --image kept' 2>&1) \
        && pass "$version runs a method $old_version installed: batos send lobby.counter increment: $out" \
        || fail "$version: batos send lobby.counter increment: $out"
fi

out=$(as_user 'command -v batos && batos image init --image /tmp/x' 2>&1) \
    && pass "batos image init --image /tmp/x: $(tr '\n' ' ' <<< "$out")" || fail "batos image init: $out"
out=$(as_user 'batos image info --image /tmp/x' 2>&1) && grep -qi 'objects' <<< "$out" \
    && pass "batos image info --image /tmp/x: $(tr -s ' \n' ' ' <<< "$out" | cut -c1-300)" || fail "batos image info: $out"

out=$(as_user 'mkdir -p work && cd work && batos' 2>&1) && [ -f "$root/home/$user/work/live_image/image.log" ] \
    && pass "batos in ~/work with no DISPLAY describes ./live_image: $(head -1 <<< "$out")" || fail "batos in ~/work: $out"

out=$(as_user "mkdir -p desk && cd desk && $install_dir/bin/batos-workbench" 2>&1) \
    && [ -f "$root/home/$user/.local/share/batos/live_image/image.log" ] && [ ! -e "$root/home/$user/desk/live_image" ] \
    && pass "batos-workbench with no DISPLAY uses \$HOME/.local/share/batos/live_image: $(head -1 <<< "$out")" \
    || fail "batos-workbench: $out"

# packaging/smoke-test.sh on the installed directory, as the user; with the test tools it opens the
# workbench window too, and launches the menu entry. They are installed now, after the checks above, so that those saw
# only what the package's Depends brought.
if in_root apt-get install -y -q --no-install-recommends $test_tools > "$root$work/tools.log" 2>&1; then
    note "installed $test_tools in the root for the window check: $(grep -E '^[0-9]+ upgraded' "$root$work/tools.log")"
else
    note "could not install $test_tools in the root, so no window check: $(tail -3 "$root$work/tools.log" | tr '\n' ' ')"
fi
cp "$here/smoke-test.sh" "$here/window-check.sh" "$root$work/"
chmod 0755 "$root$work" "$root$work/smoke-test.sh" "$root$work/window-check.sh"
echo "--- packaging/smoke-test.sh $install_dir, as $user in the root"
if out=$(timeout 900 chroot --userspec="$user:$user" "$root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin \
        HOME="/home/$user" USER="$user" LANG=C.UTF-8 TMPDIR=/tmp /bin/bash -c "cd && $work/smoke-test.sh $install_dir" 2>&1); then
    echo "$out"; echo "---"; pass "smoke-test.sh in the root"
else
    echo "$out"; echo "---"; fail "smoke-test.sh in the root"
fi

# --- remove ---------------------------------------------------------------------------------------
if in_root apt-get remove -y -q "$package" > "$root$work/remove.log" 2>&1; then
    pass "apt-get remove -y $package: $(grep -E '^[0-9]+ upgraded' "$root$work/remove.log")"
else
    fail "apt-get remove $package: $(tail -20 "$root$work/remove.log")"
fi
[ ! -e "$root$install_dir" ] && pass "$install_dir is gone" || fail "$install_dir is still there: $(cd "$root" && find ".$install_dir" | head)"
[ ! -e "$root/usr/bin/batos" ] && [ ! -L "$root/usr/bin/batos" ] && ! in_root update-alternatives --query batos > /dev/null 2>&1 \
    && pass "/usr/bin/batos and the batos alternative are gone" || fail "/usr/bin/batos is still there: $(ls -l "$root/usr/bin/batos" 2>&1)"
left=$(cd "$root" && find usr/share/applications usr/local/share/applications -name '*batos*' 2> /dev/null || true)
[ -z "$left" ] && pass "the menu entry is gone" || fail "the menu entry is still there: $left"
[ -f "$root/home/$user/.local/share/batos/live_image/image.log" ] && [ -f "$root/home/$user/work/live_image/image.log" ] \
    && { [ -z "$old_deb" ] || [ -f "$root/home/$user/kept/image.log" ]; } \
    && pass "the user's images remain: ~/.local/share/batos/live_image, ~/work/live_image${old_deb:+, ~/kept}" \
    || fail "the user's images were touched: $(ls -R "$root/home/$user" | head -20)"

# --- leave the root as it was ---------------------------------------------------------------------
# Everything apt installed since the start goes (autoremove alone would keep what the base system
# recommends or suggests, such as perl and ca-certificates).
added=$(comm -13 <(echo "$before") <(packages))
[ -z "$added" ] || in_root apt-get purge -y -q $added > "$root$work/purge.log" 2>&1 \
    || note "purging the root afterwards failed: $(tail -5 "$root$work/purge.log" | tr '\n' ' ')"
[ -z "$(comm -3 <(echo "$before") <(packages))" ] || note "the root's packages differ from before the run: $(comm -3 <(echo "$before") <(packages) | tr -s ' \t\n' ' ')"
# The user's files in /tmp too (/tmp/x, the JVM's hsperfdata, Xvfb's socket directory).
in_root find /tmp -mindepth 1 -maxdepth 1 -user "$user" -exec rm -rf {} + 2> /dev/null || true
in_root userdel -r "$user" 2> /dev/null || true
rm -rf "$root$work"
[ -n "$menu_dirs" ] || rmdir "$root/usr/share/desktop-directories" 2> /dev/null || true

if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed"
