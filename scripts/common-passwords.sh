#!/bin/sh
# Writes data/common-passwords.txt: the 10.000 most common passwords, most
# common first, taken from Debian's python3-zxcvbn package (MIT licence): the
# "passwords" frequency list of zxcvbn (Dropbox), which ranks the passwords
# of Mark Burnett's public-domain corpus of 10 million leaked passwords.
# Offline: it reads the installed package, downloads nothing.  Run it again
# only to refresh the list; the build reads the text file (src/core/meson).
set -eu
cd "$(dirname "$0")/.."
command -v /usr/bin/python3 >/dev/null
/usr/bin/python3 - <<'PY' > data/common-passwords.txt.new
import zxcvbn.frequency_lists as f
print("# The 10.000 most common passwords, most common first, one a line.")
print("# Source: Debian package python3-zxcvbn (MIT licence), the \"passwords\"")
print("# frequency list of zxcvbn, ranked from Mark Burnett's public-domain")
print("# corpus of 10 million passwords.  Made by scripts/common-passwords.sh;")
print("# lamtheo refuses a password equal to one of them, letter case ignored")
print("# (src/core/core_auth.c).  Lines starting with # are comments.")
for p in f.FREQUENCY_LISTS["passwords"][:10000]:
    print(p)
PY
mv data/common-passwords.txt.new data/common-passwords.txt
