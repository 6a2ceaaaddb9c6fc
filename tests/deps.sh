#!/bin/sh
# Install what samling needs to build, test and benchmark on Debian/Ubuntu.
# INSTALL names the packages for other systems.
set -e
pkgs="build-essential pkg-config libcsv-dev libpcre2-dev libarchive-dev
libexpat1-dev libjansson-dev libutf8proc-dev libssl-dev zlib1g-dev mandoc zip unzip python3
libarchive-tools pcre2-utils zstd xz-utils time valgrind miller
libstemmer-dev chromium parallel liblinear-tools clang libclang-rt-dev
poppler-utils libxlsxwriter-dev libreoffice-calc-nogui"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && { echo "deps: all installed"; exit 0; }
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
