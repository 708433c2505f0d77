#!/usr/bin/env bash
# Two ways of fitting an f0 model's decoder compared on other splits of hust-solfege (training/runs/f0-fit-real-PLAN.md):
# each split run RUN (training/runs/NAME-s<SPLIT>-<side>, from f0-splits.sh, whose refit/model.onnx is the model) gets
#   RUN/fit-mixed: fit-decoder --every-step on its own split's validation recordings and the two generated development
#                  sets (synth dev, melisma dev), each source weighed alike: how the shipped preset was fitted
#   RUN/fit-real:  fit-decoder --every-step on its own split's validation recordings alone (real singing only)
# and each is scored on its own split's test recordings at every step (test.txt).
#   training/runs/f0-split-fit.sh SUMMARY RUN...      e.g. f0-fit-real training/runs/f0-sp-s1{1,2,3}-a training/runs/f0-sps5-s1{1,2,3}-b
# writes training/runs/SUMMARY-fits.txt (per run and the mean of real - mixed). Two fits at a time (one per core);
# a fit whose test.txt is already there is not run again.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 2 ] || { echo "usage: $0 SUMMARY RUN..." >&2; exit 2; }
summary=$1; shift
a2m="dotnet artifacts/build/bin/Audio2Midi.Training/release/a2m.dll"
data=../shared/data/hust-solfege
here() { sed -u "s#$PWD/##g"; }
split_of() { [[ $1 =~ -s([0-9]+)-[a-z]+/?$ ]] || { echo "$1: not a split run (NAME-s<SPLIT>-<side>)" >&2; exit 1; }; echo "${BASH_REMATCH[1]}"; }
for run in "$@"; do
  [ -f "$run/refit/model.onnx" ] || { echo "$run/refit/model.onnx: no such model (run f0-splits.sh first)" >&2; exit 1; }
  split_of "$run" > /dev/null
done
fit() {  # RUN KIND
  local run=$1 kind=$2 split; split=$(split_of "$1")
  local dst=$run/fit-$kind also=()
  [ -f "$dst/test.txt" ] && return 0
  [ "$kind" = mixed ] && also=(--also artifacts/synth-dev --also artifacts/synth-dev-melisma)
  mkdir -p "$dst"
  cp "$run/refit/model.onnx" "$run/refit/model.json" "$dst/"
  $a2m fit-decoder "$dst/model.onnx" --recordings $data --seed "$split" --split validation --every-step "${also[@]}" 2>&1 | here > "$dst/fit.log"
  $a2m evaluate $data --split test --seed "$split" --every-step --model "$dst/model.onnx" 2>&1 | here > "$dst/test.txt"
}
# Two fits at a time, the next starting as soon as one ends (a mixed fit takes about three times a real one).
for run in "$@"; do
  for kind in mixed real; do
    fit "$run" "$kind" &
    while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n; done
  done
done
wait
python3 - "$@" <<'PY' | tee "training/runs/$summary-fits.txt"
import re, sys
steps = ["Instant", "30 ms", "60 ms", "120 ms", "250 ms", "offline"]
def cells(path):
    text = open(path).read()
    return [float(re.search(rf"^{s}: mean COnP F1 ([0-9.]+)", text, re.M).group(1)) for s in steps]
def row(v): return " ".join(f"{x:.3f}" for x in v) + f" (mean {sum(v) / 6:.4f})"
print(f"# training/runs/f0-split-fit.sh: COnP F1 on each run's own split's test recordings, {' / '.join(steps)};")
print("# shipped = the decoder settings the run carries (the shipped preset's), mixed = fitted on own validation + synth dev + melisma dev, real = on own validation alone")
diffs = []
for run in sys.argv[1:]:
    run = run.rstrip("/")
    shipped, mixed, real = cells(f"{run}/test.txt"), cells(f"{run}/fit-mixed/test.txt"), cells(f"{run}/fit-real/test.txt")
    d = [r - m for m, r in zip(mixed, real)]; diffs.append(d)
    print(f"{run}: shipped {row(shipped)} | mixed {row(mixed)} | real {row(real)} | real-mixed {' '.join(f'{x:+.3f}' for x in d)}")
mean = [sum(c) / len(diffs) for c in zip(*diffs)]
print(f"mean real - mixed over {len(diffs)} runs: {' '.join(f'{x:+.3f}' for x in mean)} (six-cell {sum(mean) / 6:+.4f})")
PY
