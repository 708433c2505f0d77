#!/usr/bin/env bash
# The second half of a recipe comparison (docs/training.md, "Comparing recipes"): a copy of a pair's ensemble gets its
# own decoder settings, fitted per head on the three development sources, and is scored against a baseline:
#   training/runs/f0-fit-dev.sh PREFIX [BASELINE eval-dev.txt]
# copies training/runs/PREFIX-ensemble/model.* to training/runs/PREFIX-fit/, fits there (fit.log), then runs
# f0-eval-dev.sh on it against BASELINE (default: the fresh pair of the shipped recipe, training/runs/f0-fresh-fit).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 1 ] || { echo "usage: $0 PREFIX [BASELINE eval-dev.txt]" >&2; exit 2; }
prefix=$1 baseline=${2:-training/runs/f0-fresh-fit/eval-dev.txt}
a2m="dotnet artifacts/build/bin/Audio2Midi.Training/release/a2m.dll"
src=training/runs/$prefix-ensemble dst=training/runs/$prefix-fit
[ -f "$src/model.onnx" ] || { echo "$src/model.onnx: no such model (run f0-recipe-pair.sh $prefix ... first)" >&2; exit 1; }
mkdir -p "$dst"
cp "$src/model.onnx" "$src/model.json" "$dst/"
$a2m fit-decoder "$dst/model.onnx" --recordings ../shared/data/hust-solfege --cache artifacts/datasets/hust-solfege --split validation \
  --every-step --also artifacts/synth-dev --also artifacts/synth-dev-melisma 2>&1 | sed -u "s#$PWD/##g" > "$dst/fit.log"
training/runs/f0-eval-dev.sh "$dst/model.onnx" "$baseline"
