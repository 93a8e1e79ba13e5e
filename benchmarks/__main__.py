"""``uv run python -m benchmarks [--scale full|tiny]``: run every workload, print JSON."""

from __future__ import annotations

import argparse
import asyncio
import sys

import msgspec

from benchmarks.harness import run
from benchmarks.scales import SCALES
from ledger.logging import configure_logging


def main() -> None:
    """Parse the scale, run the workloads, print the result on stdout."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--scale",
        choices=sorted(SCALES),
        default="full",
        help="full: the sizes the targets are set for; tenth: a tenth of the replayed"
        " events; tiny: a smoke run of seconds",
    )
    arguments = parser.parse_args()
    configure_logging("auto", "warning")  # stdout carries the JSON alone
    result = asyncio.run(run(SCALES[arguments.scale]))
    sys.stdout.write(msgspec.json.format(msgspec.json.encode(result)).decode() + "\n")


main()
