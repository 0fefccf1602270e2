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

  The administrator (admin) must use two-factor log-in: at its first
  log-in it is asked to turn it on before anything else.  Install an
  authenticator app on a phone (FreeOTP, Google or Microsoft Authenticator,
  Aegis), scan the QR code the page shows (or type its key), enter the
  6-digit code, and keep the 10 recovery codes it shows once.  The other
  demo accounts log in with the password alone (each may turn it on under
  "Đổi mật khẩu, bảo mật").  Lost the phone?
    ./build/lamtheo user totp-reset --db demo.db --username admin

  Stop with Ctrl-C.  Place names created by the 2025 reorganisation that
  the articles do not give are illustrative ("Tên minh họa").

MSG
exec ./build/lamtheo serve --db demo.db --listen 127.0.0.1:8080
