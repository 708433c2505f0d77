#!/usr/bin/env bash
# A decoder variant of the f0 model measured on real singing the model never saw: each split run RUN
# (training/runs/NAME-s<SPLIT>-<side>, from f0-splits.sh) gets a copy of its model (RUN/refit) with the manifest keys of
# PATCH replaced, in RUN/variant-VARIANT, scored on its own split's test recordings at every step, against the scores
# of the settings it carries (RUN/test.txt). Nothing is trained or fitted: about 10 s a run on this VM.
#   training/runs/f0-split-decoder.sh VARIANT PATCH RUN...
#   e.g. training/runs/f0-split-decoder.sh no-long-delta '{"f0_read_delta": [1, 1, 1, 0, 0]}' training/runs/f0-sp-s1{1,2,3}-a ...
# PATCH is a JSON object of manifest keys (docs/training.md, "Export, manifest, decoder"). Writes
# training/runs/f0-split-decoder-VARIANT.txt: per run, its scores, the variant's and the difference; then the mean.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 3 ] || { echo "usage: $0 VARIANT PATCH RUN..." >&2; exit 2; }
variant=$1 patch=$2; shift 2
[[ $variant =~ ^[a-z0-9-]+$ ]] || { echo "VARIANT: lower-case letters, digits and dashes (a folder name)" >&2; exit 2; }
python3 -c 'import json, sys; p = json.loads(sys.argv[1]); assert isinstance(p, dict) and p' "$patch" 2>/dev/null \
  || { echo "PATCH: not a JSON object of manifest keys: $patch" >&2; exit 2; }
source training/runs/split-runs.sh
for run in "$@"; do
  run=${run%/}
  split=$(split_of "$run") dst=$run/variant-$variant
  [ -f "$run/refit/model.onnx" ] && [ -f "$run/test.txt" ] || { echo "$run: no refit/model.onnx or test.txt (run f0-splits.sh first)" >&2; exit 1; }
  mkdir -p "$dst"
  cp "$run/refit/model.onnx" "$dst/"
  python3 - "$run/refit/model.json" "$dst/model.json" "$patch" <<'PY'
import json, sys
manifest = json.load(open(sys.argv[1]))
for key, value in json.loads(sys.argv[3]).items():
    if key not in manifest and not key.startswith("f0_"):
        sys.exit(f"PATCH: {key} is not a key of {sys.argv[1]}")
    manifest[key] = value
json.dump(manifest, open(sys.argv[2], "w"), indent=2)
PY
  score_on_test "$dst/model.onnx" "$split" "$dst/test.txt"
done
python3 - "$variant" "$@" <<'PY' | tee "training/runs/f0-split-decoder-$variant.txt"
import sys
sys.path.insert(0, "training/runs")
from split_scores import STEPS, cells, row, signed, summary
variant, runs = sys.argv[1], [r.rstrip("/") for r in sys.argv[2:]]
print(f"# training/runs/f0-split-decoder.sh {variant}: COnP F1 on each run's own split's test recordings, {' / '.join(STEPS)}")
diffs = []
for run in runs:
    carried, varied = cells(f"{run}/test.txt"), cells(f"{run}/variant-{variant}/test.txt")
    d = [y - x for x, y in zip(carried, varied)]; diffs.append(d)
    print(f"{run}: carried {row(carried)} | {variant} {row(varied)} | difference {signed(d)}")
print(summary(diffs))
PY
