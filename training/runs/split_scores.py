"""What the split-run summaries (f0-splits.sh, f0-split-fit.sh, f0-split-decoder.sh) read from `a2m evaluate --every-step` and how they print it."""
import re

STEPS = ["Instant", "30 ms", "60 ms", "120 ms", "250 ms", "offline"]


def cells(path):
    """The mean COnP F1 of each step in an `a2m evaluate --every-step` printout."""
    text = open(path).read()
    return [float(re.search(rf"^{s}: mean COnP F1 ([0-9.]+)", text, re.M).group(1)) for s in STEPS]


def row(values):
    return " ".join(f"{x:.3f}" for x in values) + f" (mean {sum(values) / 6:.4f})"


def signed(values):
    return " ".join(f"{x:+.3f}" for x in values)


def mean_of(diffs):
    """The per-step mean of several runs' differences."""
    return [sum(c) / len(diffs) for c in zip(*diffs)]


def summary(diffs):
    """Several runs' differences summed up: the mean per step (with its six-cell mean and the mean of the 250 ms and
    offline cells, the long cells) and the runs better / worse per step; two lines."""
    mean = mean_of(diffs)
    wins = [sum(1 for d in diffs if d[i] > 0) for i in range(6)]
    losses = [sum(1 for d in diffs if d[i] < 0) for i in range(6)]
    return (f"mean difference over {len(diffs)} runs: {signed(mean)} (six-cell {sum(mean) / 6:+.4f}, "
            f"250 ms and offline {(mean[4] + mean[5]) / 2:+.4f})\n"
            f"runs better / worse per step: {' '.join(f'{w}/{l}' for w, l in zip(wins, losses))}")
