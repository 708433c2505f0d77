#!/usr/bin/env bash
# Scores an f0 model on the three development sets, every Latency step, and compares it with the shipped preset's
# figures (the first hust/synth/melisma rows of BASELINE), as the experiments' rules of 2026-12-04 ask:
#   training/runs/f0-eval-dev.sh PREFIX [BASELINE]   scores training/runs/PREFIX-ensemble/model.onnx
#   training/runs/f0-eval-dev.sh MODEL.onnx [BASELINE]   scores that model
# writes eval-dev.txt beside the model. Needs artifacts/datasets/hust-solfege (a2m dataset import),
# artifacts/synth-dev and artifacts/synth-dev-melisma (docs/training.md says how each is written).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 1 ] || { echo "usage: $0 PREFIX|MODEL.onnx [BASELINE eval-dev.txt]" >&2; exit 2; }
prefix=$1 baseline=${2:-training/runs/f0-ldelta-ensemble/eval-dev.txt}
a2m=${A2M:-"dotnet artifacts/build/bin/Audio2Midi.Training/release/a2m.dll"}   # A2M: another build (e.g. a branch built into artifacts/alt)
case $prefix in *.onnx) model=$prefix ;; *) model=training/runs/$prefix-ensemble/model.onnx ;; esac
[ -f "$model" ] || { echo "$model: no such model (run f0-recipe-pair.sh $prefix ... first)" >&2; exit 1; }
out=$(dirname "$model")/eval-dev.txt
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
$a2m evaluate ../shared/data/hust-solfege --split validation --cache artifacts/datasets/hust-solfege --every-step --model "$model" > "$tmp/hust" 2>&1
$a2m evaluate artifacts/synth-dev --reference-suffix .mid --every-step --model "$model" > "$tmp/synth" 2>&1
$a2m evaluate artifacts/synth-dev-melisma --reference-suffix .mid --every-step --model "$model" > "$tmp/melisma" 2>&1
{
  echo "# a2m evaluate SET --every-step --model $model; COnP F1 Instant / 30 / 60 / 120 / 250 / offline (SET as in f0-ldelta-ensemble/eval-dev.txt)"
  for set in hust synth melisma; do
    echo "$set: $(grep 'mean COnP F1 [0-9]' "$tmp/$set" | awk '{printf "%s ", $(NF-1)}')"
  done
} > "$tmp/rows"
python3 - "$tmp/rows" "$baseline" <<'PY' > "$out"
import sys
def rows(path):
    found = {}
    for line in open(path):
        name, _, values = line.partition(':')
        if name in ('hust', 'synth', 'melisma') and name not in found:
            found[name] = [float(v) for v in values.split()]
    return found
new, old = rows(sys.argv[1]), rows(sys.argv[2])
print(open(sys.argv[1]).read().rstrip())
for name in new:
    print(f"{name} six-cell {sum(new[name]) / 6:.4f} (baseline {sum(old[name]) / 6:.4f})")
print(f"mean18 {sum(map(sum, new.values())) / 18:.4f} (baseline {sum(map(sum, old.values())) / 18:.4f})")
PY
cat "$out"
