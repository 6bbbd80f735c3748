#!/usr/bin/env bash
# Builds the Linux packages of BAT OS Workbench with jpackage: an app image (a directory that
# runs in place) and a .deb, both with a bundled Java runtime made by jlink.
#
#   packaging/build.sh [--jar target/batos.jar] [--type all|app-image|deb] [--variant cpu|cuda]
#                      [--version 0.1.0] [--dest target]
#
# Usually run by Maven: `mvn -Ppackage -DskipTests package` (add `cuda` to the profiles for the
# CUDA build, `-Dbatos.package.type=app-image` to skip the .deb). packaging/README.md says what
# the packages install where.
#
# Input: the fat jar (built by `mvn -DskipTests package`, with `-Pcuda` for the CUDA variant; the
# variant is read from the jar itself, so a CPU jar never ends up in a package named batos-cuda).
# Output, for package name P (batos or batos-cuda):
#   target/jpackage/P/app-image/batos/     the app image: bin/batos, bin/batos-workbench, lib/
#   target/P_VERSION-1_ARCH.deb            the Debian package (installs /opt/P)
# Needs: a JDK 17+ with jmods (Debian: openjdk-17-jdk openjdk-17-jmods), zip, unzip, and for the .deb
# dpkg-deb and fakeroot. $BATOS_DEB_MAINTAINER sets the e-mail address of the Maintainer field
# (jpackage writes "BAT OS <address>").
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

jar="$root/target/batos.jar"
type=all
variant=
version=
dest="$root/target"

usage() {
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        --jar) jar=$2; shift 2 ;;
        --type) type=$2; shift 2 ;;
        --variant) variant=$2; shift 2 ;;
        --version) version=$2; shift 2 ;;
        --dest) dest=$2; shift 2 ;;
        -h|--help) usage ;;
        *) echo "build.sh: unknown argument '$1'" >&2; usage ;;
    esac
done

say() { echo "[package] $*" >&2; }
die() { echo "build.sh: $*" >&2; exit 1; }

case "$type" in all|app-image|deb) ;; *) die "--type must be all, app-image or deb, not '$type'" ;; esac

# --- tools --------------------------------------------------------------------------------------
# The JDK whose jlink, jmods and jpackage make the runtime: $BATOS_PACKAGE_JDK, else $JAVA_HOME,
# else the one `javac` on PATH belongs to.
jdk=${BATOS_PACKAGE_JDK:-${JAVA_HOME:-}}
if [ -z "$jdk" ]; then
    javac_path=$(command -v javac) || die "no JDK found: set JAVA_HOME (or BATOS_PACKAGE_JDK) to a JDK 17+"
    jdk=$(dirname "$(dirname "$(readlink -f "$javac_path")")")
fi
for tool in jlink jpackage; do
    [ -x "$jdk/bin/$tool" ] || die "$jdk/bin/$tool is missing: set JAVA_HOME (or BATOS_PACKAGE_JDK) to a full JDK 17+"
done
[ -d "$jdk/jmods" ] || die "$jdk/jmods is missing: jlink needs the JDK's jmods (Debian/Ubuntu: apt-get install openjdk-17-jmods)"
feature=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
[ "${feature:-0}" -ge 17 ] 2>/dev/null || die "$jdk is Java ${feature:-?}; the packages need 17 or newer"
for tool in zip unzip; do command -v $tool > /dev/null || die "$tool is missing (apt-get install zip unzip)"; done
if [ "$type" != app-image ]; then
    command -v dpkg-deb > /dev/null || die "dpkg-deb is missing: the .deb can only be built on Debian/Ubuntu (or use --type app-image)"
    command -v fakeroot > /dev/null || die "fakeroot is missing (apt-get install fakeroot)"
fi

# --- the jar and its variant --------------------------------------------------------------------
[ -f "$jar" ] || die "$jar is missing: build it first with 'mvn -DskipTests package' (-Pcuda for the CUDA variant), or run 'mvn -Ppackage -DskipTests package'"
if unzip -l "$jar" 'ai/onnxruntime/native/linux-*/libonnxruntime_providers_cuda.so' > /dev/null 2>&1; then
    found=cuda
else
    found=cpu
fi
if [ -z "$variant" ]; then
    variant=$found
elif [ "$variant" != "$found" ]; then
    die "$jar holds the $found build of ONNX Runtime, not $variant: rebuild it ('mvn -DskipTests package$( [ "$variant" = cuda ] && echo ' -Pcuda')')"
fi

if [ -z "$version" ]; then
    version=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml")
fi
# jpackage wants 1 to 3 numbers; a -SNAPSHOT build is packaged as its release number.
app_version=${version%%-*}
[[ "$app_version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || die "cannot make a package version of '$version'"

case "$variant" in
    cpu)  package=batos;      title="BAT OS Workbench";        priority=50
          description="BAT OS Workbench: a living image of prototype objects whose missing methods are written by a local LLM" ;;
    cuda) package=batos-cuda; title="BAT OS Workbench (CUDA)"; priority=60
          description="BAT OS Workbench with ONNX Runtime for CUDA 12 (needs CUDA 12 and cuDNN 9; runs on a CPU without them)" ;;
    *) die "--variant must be cpu or cuda, not '$variant'" ;;
esac
install_dir=/opt/$package

# The host's platform names, as each library with native code spells them in its jar.
case "$(uname -m)" in
    x86_64)  ort=linux-x64;     djl=linux-x86_64;  jna=linux-x86-64;  lz4=linux/amd64 ;;
    aarch64) ort=linux-aarch64; djl=linux-aarch64; jna=linux-aarch64; lz4=linux/aarch64 ;;
    *) die "no package for $(uname -m): the bundled native libraries cover x86_64 and aarch64" ;;
esac

work="$dest/jpackage/$package"
say "$package $app_version ($variant) from $jar, JDK $feature at $jdk, into $work"
rm -rf "$work"
mkdir -p "$work/input" "$work/resources"

# --- 1. the jar, without other platforms' native libraries ---------------------------------------
# The fat jar carries ONNX Runtime, tokenizers, JNA and lz4 for Windows, macOS and other Linux
# architectures (about 60 MB compressed); a Linux package needs only its own.
cp "$jar" "$work/input/batos.jar"
# Each library keeps its native code in one folder per platform; list the folders that hold native
# code (the JavaFX libraries, at the jar's root, come from the linux classifier jars only).
folders=$(unzip -Z1 "$jar" | grep -E '\.(so|dll|dylib|jnilib)$|\.dSYM/' | sed -nE \
    -e 's:^(ai/onnxruntime/native/[^/]+)/.*:\1:p' \
    -e 's:^(native/lib/[^/]+)/.*:\1:p' \
    -e 's:^(com/sun/jna/[^/]+-[^/]+)/.*:\1:p' \
    -e 's:^((darwin|win32|linux)/[^/]+)/.*:\1:p' | sort -u || true)
drop=()
for folder in $folders; do
    case "$folder" in
        "ai/onnxruntime/native/$ort"|"native/lib/$djl"|"com/sun/jna/$jna"|"$lz4") ;;
        *) drop+=("$folder/*") ;;
    esac
done
# ONNX Runtime's own libraries leave the jar for lib/app/onnxruntime/, where the launcher points
# -Donnxruntime.native.path: otherwise every process that loads a model copies them into the
# temporary directory first (28 MB; with CUDA another 580 MB, left behind when it is killed).
mkdir -p "$work/input/onnxruntime"
unzip -q -j "$jar" "ai/onnxruntime/native/$ort/*" -d "$work/input/onnxruntime"
drop+=("ai/onnxruntime/native/$ort/*")
zip -q -d "$work/input/batos.jar" "${drop[@]}"
say "jar: $(du -m "$jar" | cut -f1) MB -> $(du -m "$work/input/batos.jar" | cut -f1) MB without other platforms' natives; ONNX Runtime: $(du -sm "$work/input/onnxruntime" | cut -f1) MB ($(ls "$work/input/onnxruntime" | tr '\n' ' '))"

# --- 2. the runtime -------------------------------------------------------------------------------
# From `jdeps --multi-release 17 --ignore-missing-deps --print-module-deps target/batos.jar`:
#   java.base java.management java.net.http java.sql jdk.compiler jdk.jfr jdk.unsupported
#   jdk.unsupported.desktop (which brings java.desktop, for JavaFX's Swing bridge and AWT images)
# and, because jdeps cannot see them (they are looked up as services or by javac at run time):
#   jdk.compiler  - named again on purpose: methods in the image are compiled by javac at run time
#   jdk.zipfs     - javac reads jars on a class path through the zip file system
#   jdk.crypto.ec - TLS with EC keys, for OpenAI-compatible servers over https
modules=java.base,java.desktop,java.management,java.net.http,java.sql,jdk.compiler,jdk.crypto.ec,jdk.jfr,jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs
"$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$modules" \
    --strip-debug --no-header-files --no-man-pages --output "$work/runtime"
# The class data sharing archive of the JDK's own classes (jlink of JDK 17 leaves it out): the
# JVM maps it instead of loading and verifying those classes at every start.
"$work/runtime/bin/java" -Xshare:dump > /dev/null
say "runtime: $(du -sm "$work/runtime" | cut -f1) MB, modules $modules"

# --- 3. the app image -----------------------------------------------------------------------------
java_options=(--java-options '--enable-native-access=ALL-UNNAMED' --java-options '-Donnxruntime.native.path=$APPDIR/onnxruntime')
if [ "$feature" -ge 24 ]; then
    java_options+=(--java-options '--sun-misc-unsafe-memory-access=allow')   # as the jdk24+ profile
fi
"$jdk/bin/jpackage" --type app-image --dest "$work/app-image" \
    --name batos --app-version "$app_version" --vendor "BAT OS" --description "$description" \
    --icon "$root/images/icons/batos.png" \
    --input "$work/input" --main-jar batos.jar --main-class io.batos.cli.Main \
    --runtime-image "$work/runtime" "${java_options[@]}"
app="$work/app-image/batos"
# The desktop entry's command: the workbench on the user's data directory (DESIGN.md §12).
install -m 0755 "$here/linux/batos-workbench" "$app/bin/batos-workbench"
say "app image: $app ($(du -sm "$app" | cut -f1) MB); run $app/bin/batos"

# --- 4. the .deb ----------------------------------------------------------------------------------
if [ "$type" != app-image ]; then
    # jpackage's own templates, overridden: the menu entry, and the scripts that add it and the
    # /usr/bin/batos alternative. jpackage fills in its words (APPLICATION_*), we fill in ours (@...@).
    for file in batos.desktop postinst prerm; do
        sed -e "s|@INSTALL_DIR@|$install_dir|g" -e "s|@TITLE@|$title|g" -e "s|@PRIORITY@|$priority|g" \
            "$here/linux/$file" > "$work/resources/$file"
    done
    # jpackage writes Depends with the names this machine's packages have (dpkg -S). Ubuntu has one
    # of the runtime's libraries under another name: libjpeg.so.62 (LIBJPEG_6.2 symbols) is
    # libjpeg62-turbo on Debian and libjpeg62 on Ubuntu, so Depends offers both; its other renames
    # (libgtk-3-0t64, libasound2t64, ...) provide the old names. jpackage's package is left
    # uncompressed and packed once, after the edit, with dpkg-deb's compressor (xz, or
    # $DPKG_DEB_COMPRESSOR_TYPE).
    rm -rf "$work/deb"
    DPKG_DEB_COMPRESSOR_TYPE=none "$jdk/bin/jpackage" --type deb --dest "$work/deb" --app-image "$app" \
        --name batos --linux-package-name "$package" --app-version "$app_version" \
        --vendor "BAT OS" --description "$description" --icon "$root/images/icons/batos.png" \
        --linux-deb-maintainer "${BATOS_DEB_MAINTAINER:-batos@localhost}" --linux-app-category devel \
        --linux-shortcut --linux-menu-group "Development;IDE;" \
        --linux-package-deps libgtk-3-0 \
        --resource-dir "$work/resources"
    built=$(ls "$work/deb/${package}_${app_version}"-*.deb)
    dpkg-deb -R "$built" "$work/deb/tree"
    sed -i -E '/^Depends:/ s/(^Depends:|,) *libjpeg62-turbo *(,|$)/\1 libjpeg62-turbo | libjpeg62\2/' "$work/deb/tree/DEBIAN/control"
    deb="$dest/$(basename "$built")"
    dpkg-deb --root-owner-group -b "$work/deb/tree" "$deb" > /dev/null
    rm -rf "$work/deb"
    say "deb: $deb ($(du -m "$deb" | cut -f1) MB)"
fi
