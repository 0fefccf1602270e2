"""The benchmark at reduced scale, as a correctness test (not timed): the
data set of bench/gen --scale small (a province's worth of units cut down to
a few communes, ~10.000 members, a year of records) loaded through
`lamtheo import`, then every indicator of the national root, the province
and a commune served by GET /api/v1/indicators must equal the plain SQL
query of bench/benchlib/plain.py exactly (bench/run --check-only)."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("LAMTHEO_BIN", os.path.join(ROOT, "build-check", "lamtheo"))


def test_small_bench_figures_equal_plain_sql(tmp_path):
    r = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "run"), "--scale", "small",
                        "--check-only", "--out", str(tmp_path), "--bin", BIN, "--md", ""],
                       capture_output=True, text=True, timeout=600)
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert out.count(" figures equal") == 3, out
    assert "DIFFERENT" not in out, out
