#!/bin/sh
# Install the Debian packages lamtheo builds, tests and runs with.
# Idempotent: only what is missing is installed, so a second run takes a second.
# The list is the verified stack of ../shared/STACK.md plus what docs/dependencies.md adds.
set -eu

PKGS="meson ninja-build gcc clang libclang-rt-14-dev pkg-config
libmicrohttpd-dev libsqlite3-dev libpq-dev libjansson-dev libsodium-dev
libcairo2-dev libpango1.0-dev libxlsxwriter-dev libutf8proc-dev libicu-dev
libcmocka-dev libcurl4-openssl-dev libzip-dev libcsv-dev libexpat1-dev
liboath-dev libqrencode-dev
poppler-utils postgresql chromium chromium-driver
python3-selenium python3-pytest python3-requests python3-openpyxl
libreoffice-calc-nogui
nginx-light openssl
wrk hyperfine curl sqlite3 fonts-dejavu-core"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$st" = "installed" ] || missing="$missing $p"
done

# Node.js (for the web unit tests) normally comes with the machine image, with
# its own npm; only when it is absent take Debian's nodejs (never Debian's npm).
command -v node >/dev/null 2>&1 || missing="$missing nodejs"

if [ -z "$missing" ]; then
	echo "install-deps: all packages present"
	exit 0
fi

echo "install-deps: installing:$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
		echo "install-deps: not root and no sudo; install as root:$missing" >&2
		exit 1
	fi
fi
$SUDO apt-get update -q
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing
