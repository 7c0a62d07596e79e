"""Benchmark of the clinical core, run by hand: `python bench/bench_core.py`.

Measures, in one run on this machine:
- loading and validating the bundled catalog (in-process, best of N);
- `calfchart suggest --json` as a whole process, against `python -c "import yaml"`.
Goals (issue 2): catalog under 30 ms; suggest within 1.5x the baseline.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from installed_like import child_environment

RUNS = 20


def _process_ms(args: list[str], env: dict[str, str]) -> float:
    for _ in range(2):  # write the bytecode and the user's catalog cache, warm the disk
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=env)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    from calfchart.catalog import load_catalog

    load_catalog()  # warm the file cache
    loads = []
    for _ in range(RUNS):
        start = time.perf_counter()
        load_catalog()
        loads.append((time.perf_counter() - start) * 1000)
    with tempfile.TemporaryDirectory(prefix="calfchart-bench-") as folder:
        env = child_environment(Path(folder))
        baseline = _process_ms([sys.executable, "-c", "import yaml"], env)
        suggest = _process_ms(
            [sys.executable, "-m", "calfchart", "suggest", "--zone", "heel_plantar", "--json"],
            env,
        )
    print(f"catalog load (in process, median of {RUNS}): {statistics.median(loads):.1f} ms")
    print(f"python -c 'import yaml' (median of {RUNS}):   {baseline:.1f} ms")
    print(f"calfchart suggest --json (median of {RUNS}):  {suggest:.1f} ms")
    print(f"suggest / baseline: {suggest / baseline:.2f}x (goal <= 1.5x)")


if __name__ == "__main__":
    main()
