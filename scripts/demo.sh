#!/bin/sh
# `make demo`: builds, creates demo.db afresh and serves it on
# http://127.0.0.1:8080 until Ctrl-C.
set -eu
cd "$(dirname "$0")/.."
scripts/build.sh build
./build/lamtheo demo --db demo.db --force >/dev/null
cat <<MSG

  lamtheo demo: http://127.0.0.1:8080/

  Log in with one of these accounts (passwords made for this demo.db,
  also in demo.db.logins.txt):

MSG
awk -F'\t' '{ printf "    %-20s %-16s %-10s %s\n", $1, $2, $3, $4 }' demo.db.logins.txt
cat <<MSG

  Stop with Ctrl-C.  Place names created by the 2025 reorganisation that
  the articles do not give are illustrative ("Tên minh họa").

MSG
exec ./build/lamtheo serve --db demo.db --listen 127.0.0.1:8080
