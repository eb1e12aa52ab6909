#!/usr/bin/env bash
# Builds the Debian package target/dist/belay_VERSION_ARCH.deb with jpackage (JDK 17): a trimmed Java
# runtime inside, /opt/belay/bin/belay linked from /usr/bin/belay, and a menu entry with the icon.
# Needs fakeroot and dpkg-dev (apt-get install -y fakeroot dpkg-dev binutils).
#   packaging/build-deb.sh               # builds the jar first (mvn package -DskipTests)
#   packaging/build-deb.sh --skip-build  # uses target/belay.jar and target/lib as they are
# The same inputs make the other packages on their own systems (jpackage cannot cross-build):
# --type rpm on Fedora/RHEL (needs rpm-build), --type msi on Windows (needs WiX 3), --type dmg on macOS;
# see docs/packaging.md.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in jpackage jlink; do
  command -v "$tool" >/dev/null || { echo "build-deb: $tool is missing: install a full JDK 17 (openjdk-17-jdk)" >&2; exit 2; }
done
TYPE=${BELAY_PACKAGE_TYPE:-deb}
VERSION=$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' pom.xml | head -1)
# Modules from `jdeps --print-module-deps` over the jar and its libraries, plus what is reached only by
# reflection or service loading: elliptic-curve and PKCS#11 crypto for SSH keys, zip file systems,
# extra charsets and locales, JMX for H2's and Belay's timing.
MODULES=java.base,java.desktop,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.security.jgss,\
java.sql,jdk.jfr,jdk.unsupported,java.xml,java.scripting,java.logging,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,\
jdk.charsets,jdk.localedata,jdk.management,jdk.security.auth,jdk.net

if [ "${1:-}" != --skip-build ]; then
  mvn -q -B package -DskipTests
fi
[ -f target/belay.jar ] || { echo "build-deb: target/belay.jar is missing: run without --skip-build" >&2; exit 2; }

work=target/jpackage
rm -rf "$work" target/dist
mkdir -p "$work/input" target/dist
cp target/belay.jar packaging/belay.sh packaging/belay-cds.sh "$work/input/"
cp -r target/lib "$work/input/lib"

# No jlink compression: the package's own compression does better on plain files, and faster.
# --generate-cds-archive: the runtime's own class-data sharing archive, which Belay's archive (made by
# postinst with belay-cds.sh, for the installed paths) builds on.
jlink --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --generate-cds-archive \
  --output "$work/runtime"

args=(--type "$TYPE" --name belay --app-version "$VERSION" --vendor "Belay"
  --description "Runbook assistant for risky infrastructure upgrades"
  --input "$work/input" --main-jar belay.jar --main-class dev.belay.cli.Main
  --runtime-image "$work/runtime" --dest target/dist
  # Belay's class-data sharing archive, made by postinst; without it (or made for other paths) the JVM
  # starts without it, silently (-Xlog:cds...=off), as before.
  --java-options "-Xmx1g -XX:SharedArchiveFile=\$APPDIR/belay.jsa -Xlog:cds=off -Xlog:cds+dynamic=off")
case "$TYPE" in
  deb|rpm)
    args+=(--icon packaging/belay.png --linux-shortcut --linux-menu-group "Development;System"
      --linux-app-category utils --install-dir /opt)
    [ "$TYPE" = deb ] && args+=(--resource-dir packaging/deb --linux-deb-maintainer "belay@example.org")
    ;;
esac
# zstd (dpkg 1.21.18+) packs in a fraction of xz's time for a few MB more; BELAY_DEB_COMPRESSOR=xz for the smallest file.
DPKG_DEB_COMPRESSOR_TYPE=${BELAY_DEB_COMPRESSOR:-zstd} jpackage "${args[@]}"
ls -l target/dist
