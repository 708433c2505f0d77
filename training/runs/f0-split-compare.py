#!/usr/bin/env python3
"""Two decoder variants of the same split runs compared with each other, not with the settings the runs carry:
    training/runs/f0-split-compare.py BASE VARIANT RUN...
reads RUN/variant-BASE/test.txt and RUN/variant-VARIANT/test.txt (written by f0-split-decoder.sh; BASE may be
"carried" for RUN/test.txt) and prints, per run and as a mean, VARIANT minus BASE at every step, the runs better and
worse per step, and the mean of the 250 ms and offline differences (the long cells)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from split_scores import STEPS, cells, row, signed, summary  # noqa: E402


def scores(run, variant):
    path = f"{run}/test.txt" if variant == "carried" else f"{run}/variant-{variant}/test.txt"
    if not os.path.isfile(path):
        sys.exit(f"{path}: missing (run f0-split-decoder.sh {variant} ... {run} first)")
    return cells(path)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    base, variant, runs = sys.argv[1], sys.argv[2], [r.rstrip("/") for r in sys.argv[3:]]
    print(f"# {variant} against {base}: COnP F1 on each run's own split's test recordings, {' / '.join(STEPS)}")
    diffs = []
    for run in runs:
        a, b = scores(run, base), scores(run, variant)
        d = [y - x for x, y in zip(a, b)]
        diffs.append(d)
        print(f"{run}: {base} {row(a)} | {variant} {row(b)} | difference {signed(d)}")
    print(summary(diffs))

main()
