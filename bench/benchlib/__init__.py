"""The benchmarks of bench/: the national data set (datagen), loading it
through `lamtheo import` (load), the figures by plain SQL (plain), a running
server (server).  bench/gen and bench/run are their command lines; the
reduced-scale test in tests/bench/ uses the same pieces."""
