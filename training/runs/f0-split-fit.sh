#!/usr/bin/env bash
# Two ways of fitting an f0 model's decoder compared on other splits of hust-solfege (training/runs/f0-fit-real-PLAN.md):
# each split run RUN (training/runs/NAME-s<SPLIT>-<side>, from f0-splits.sh, whose refit/model.onnx is the model) gets
#   RUN/fit-mixed: fit-decoder --every-step on its own split's validation recordings and the two generated development
#                  sets (synth dev, melisma dev), each source weighed alike: how the shipped preset was fitted
#   RUN/fit-real:  fit-decoder --every-step on its own split's validation recordings alone (real singing only)
#   RUN/fit-short: fit-decoder --steps 0,30,60 on its own split's validation recordings alone: the Instant, 30 and 60 ms
#                  heads fitted on real singing, the long heads as the run carries them (training/runs/f0-fit-short-PLAN.md)
# and each is scored on its own split's test recordings at every step (test.txt).
#   [KINDS="mixed real"] training/runs/f0-split-fit.sh SUMMARY RUN...
#   e.g. training/runs/f0-split-fit.sh f0-fit-real training/runs/f0-sp-s1{1,2,3}-a training/runs/f0-sps5-s1{1,2,3}-b
#        KINDS=short training/runs/f0-split-fit.sh f0-fit-short training/runs/f0-sps45-s1{4,5,6}-{a,b}
# writes training/runs/SUMMARY-fits.txt: per run, each kind's scores and its difference from mixed (when fitted) or
# else from the settings the run carries, and the mean difference. Two fits at a time (one per core); a fit whose
# test.txt is already there is not run again.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 2 ] || { echo "usage: $0 SUMMARY RUN..." >&2; exit 2; }
summary=$1; shift
source training/runs/split-runs.sh
read -r -a kinds <<< "${KINDS:-mixed real}"
for kind in "${kinds[@]}"; do
  case $kind in mixed | real | short) ;; *) echo "KINDS: $kind is not a fit (mixed, real, short)" >&2; exit 2 ;; esac
done
for run in "$@"; do
  [ -f "$run/refit/model.onnx" ] || { echo "$run/refit/model.onnx: no such model (run f0-splits.sh first)" >&2; exit 1; }
  split_of "$run" > /dev/null
done
fit() {  # RUN KIND
  local run=$1 kind=$2 split; split=$(split_of "$1")
  local dst=$run/fit-$kind also=()
  [ -f "$dst/test.txt" ] && return 0
  case $kind in
    mixed) also=(--every-step --also artifacts/synth-dev --also artifacts/synth-dev-melisma) ;;
    real) also=(--every-step) ;;
    short) also=(--steps 0,30,60) ;;
  esac
  mkdir -p "$dst"
  cp "$run/refit/model.onnx" "$run/refit/model.json" "$dst/"
  $a2m fit-decoder "$dst/model.onnx" --recordings $data --seed "$split" --split validation "${also[@]}" 2>&1 | here > "$dst/fit.log"
  score_on_test "$dst/model.onnx" "$split" "$dst/test.txt"
}
# Two fits at a time, the next starting as soon as one ends (a mixed fit takes about three times a real one).
for run in "$@"; do
  for kind in "${kinds[@]}"; do
    fit "$run" "$kind" &
    while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n; done
  done
done
wait
python3 - "${kinds[*]}" "$@" <<'PY' | tee "training/runs/$summary-fits.txt"
import sys
sys.path.insert(0, "training/runs")
from split_scores import STEPS, cells, row, signed, mean_of
kinds, runs = sys.argv[1].split(), sys.argv[2:]
base = "mixed" if "mixed" in kinds else "shipped"
print(f"# training/runs/f0-split-fit.sh: COnP F1 on each run's own split's test recordings, {' / '.join(STEPS)};")
print("# shipped = the decoder settings the run carries (the shipped preset's), mixed = fitted on own validation + synth dev + melisma dev,"
      " real = on own validation alone, short = the Instant, 30 and 60 ms heads fitted on own validation alone")
diffs = {k: [] for k in kinds if k != base}
for run in runs:
    run = run.rstrip("/")
    scores = {"shipped": cells(f"{run}/test.txt"), **{k: cells(f"{run}/fit-{k}/test.txt") for k in kinds}}
    parts = [f"{k} {row(scores[k])}" for k in ["shipped", *kinds]]
    for k in diffs:
        d = [y - x for x, y in zip(scores[base], scores[k])]; diffs[k].append(d)
        parts.append(f"{k}-{base} {signed(d)}")
    print(f"{run}: " + " | ".join(parts))
for k, ds in diffs.items():
    mean = mean_of(ds)
    print(f"mean {k} - {base} over {len(ds)} runs: {signed(mean)} (six-cell {sum(mean) / 6:+.4f})")
PY
