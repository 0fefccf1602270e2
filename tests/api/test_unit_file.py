"""packaging/lamtheo.service: systemd accepts it and rates its sandbox as
docs/deploy.md says (`systemd-analyze security --offline=yes`), and it
agrees with packaging/lamtheo.conf (the database in the only writable
directory, lamtheo listening where the unit lets it).  Skipped without
systemd-analyze (the systemd package)."""
import os
import re
import shutil
import subprocess

import pytest

from support import ROOT

ANALYZE = shutil.which("systemd-analyze")
UNIT = os.path.join(ROOT, "packaging", "lamtheo.service")
CONF = os.path.join(ROOT, "packaging", "lamtheo.conf")
EXPOSURE_MAX = 1.5	# docs/deploy.md records the score; "SAFE" is below 2.0


def settings(path, sep):
    """key -> [values] of the lines of a unit or configuration file."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith(("#", "[")) and sep in line:
                k, v = line.split(sep, 1)
                out.setdefault(k.strip(), []).append(v.strip())
    return out


@pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze not installed")
def test_exposure_score():
    r = subprocess.run([ANALYZE, "security", "--offline=yes", "--no-pager", UNIT],
                       capture_output=True, text=True, timeout=120)
    m = re.search(r"Overall exposure level for lamtheo\.service: (\d+\.\d)", r.stdout)
    assert m, r.stdout + r.stderr
    assert float(m.group(1)) <= EXPOSURE_MAX, r.stdout


def test_unit_and_configuration_agree():
    unit, conf = settings(UNIT, "="), settings(CONF, " = ")
    assert unit["ExecStart"] == ["/usr/local/bin/lamtheo serve --config /etc/lamtheo/lamtheo.conf"]
    # The database lives in the one writable directory.
    state = unit["StateDirectory"][0]
    assert os.path.dirname(conf["db"][0]) == "/var/lib/" + state, conf["db"]
    assert "ReadWritePaths" not in unit and unit["ProtectSystem"] == ["strict"]
    # lamtheo listens on loopback, the only addresses the unit lets in,
    # and believes the proxy there.
    assert conf["listen"][0].startswith("127.0.0.1:")
    assert unit["IPAddressAllow"] == ["localhost"] and unit["IPAddressDeny"] == ["any"]
    assert conf["trusted-proxy"] == ["127.0.0.1"]
    for key in ("NoNewPrivileges", "PrivateTmp", "ProtectHome"):
        assert unit[key] == ["yes"], key
    assert unit["CapabilityBoundingSet"] == [""]
    assert "@system-service" in unit["SystemCallFilter"]
    assert unit["MemoryMax"] and unit["RestrictAddressFamilies"] == ["AF_INET AF_INET6"]
