#!/usr/bin/env bash
# Two recipes compared on other splits of hust-solfege (training/runs/f0-splits-PLAN.md): for each split seed, one run of
# each recipe side by side (train-f0 --seed SPLIT, one training seed), its long heads' start deltas refitted as shipped,
# then each scored on its own split's test recordings at every step with the decoder settings train-f0 writes (both
# sides the same; today those are the shipped preset's, f0_read_delta set by the refit). A recipe is the
# folder of generated takes it trains on (the shipped recipe: artifacts/synth-f0, 30 min).
#   SPLITS="11 12 13" [TRAINING_SEED=4] [TRAINING_SEED_B=5] training/runs/f0-splits.sh PREFIX TAKES_A TAKES_B
# TRAINING_SEED_B: side b's training seed (default: TRAINING_SEED); with the same takes on both sides, two seeds of one recipe.
# writes training/runs/PREFIX-s<SPLIT>-{a,b}/ (runs, refits, test scores) and PREFIX-splits.txt (per split and pooled).
# A side whose test.txt is already there is not trained again, so a recipe scored once (copy its PREFIX-s<SPLIT>-a/test.txt)
# serves as side a of the next comparison, and a rerun with every side scored only prints the summary.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 3 ] || { echo "usage: SPLITS=\"11 12 13\" $0 PREFIX TAKES_A TAKES_B" >&2; exit 2; }
prefix=$1; declare -A takes=([a]=$2 [b]=$3)
for t in "$2" "$3"; do [ -d "$t" ] || { echo "$t: no such folder of generated takes" >&2; exit 1; }; done
source training/runs/split-runs.sh
shifts="0,-7.3,-2.6,4.1,9.2"
declare -A seed=([a]=${TRAINING_SEED:-4} [b]=${TRAINING_SEED_B:-${TRAINING_SEED:-4}})
read -r -a splits <<< "${SPLITS:-11 12 13}"
for split in "${splits[@]}"; do
  for side in a b; do
    run=training/runs/$prefix-s$split-$side
    [ -f "$run/test.txt" ] && continue
    mkdir -p "$run/train" "$run/refit"
    { $a2m train-f0 $data --extra "${takes[$side]}" --shifts "$shifts" --seed "$split" --training-seed ${seed[$side]} --run "$run/train" \
        --name "F0 notes ($prefix, split $split, $side)" --threads 1 2>&1 | here > "$run/train.log"
      $a2m train-f0 $data --extra "${takes[$side]}" --shifts "$shifts" --seed "$split" --training-seed ${seed[$side]} --run "$run/refit" \
        --refit-start-delta "$run/train/best.pt" --name "F0 notes ($prefix, split $split, $side, long start deltas)" --threads 1 2>&1 | here > "$run/refit.log"
      score_on_test "$run/refit/model.onnx" "$split" "$run/test.txt"
    } &
  done
  wait
done
python3 - "$prefix" "${splits[@]}" <<'PY' | tee "training/runs/$1-splits.txt"
import sys
sys.path.insert(0, "training/runs")
from split_scores import STEPS, cells, row, signed, mean_of
prefix, splits = sys.argv[1], sys.argv[2:]
print(f"# training/runs/f0-splits.sh {prefix}: COnP F1 on each split's own test recordings, {' / '.join(STEPS)}")
diffs = []
for s in splits:
    a, b = (cells(f"training/runs/{prefix}-s{s}-{side}/test.txt") for side in "ab")
    d = [y - x for x, y in zip(a, b)]; diffs.append(d)
    print(f"split {s}: a {row(a)} | b {row(b)} | b-a {signed(d)}")
mean = mean_of(diffs)
print(f"mean b-a over {len(splits)} splits: {signed(mean)} (six-cell {sum(mean)/6:+.4f})")
PY
