"""Run every benchmark: ``python benchmarks/run.py`` (or ``make bench``).

Each ``benchmarks/bench_*.py`` module has a ``run()`` function that prints its results as
aligned lines. Benchmarks are not tests: they measure, and say whether a target is met.
"""

from __future__ import annotations

import importlib.util
import platform
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")


def main() -> None:
    here = Path(__file__).parent
    print(f"python {platform.python_version()} on {platform.machine()}, "
          f"{__import__('os').cpu_count()} cores")
    for path in sorted(here.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"\n== {path.stem} ==")
        module.run()


if __name__ == "__main__":
    sys.exit(main())
