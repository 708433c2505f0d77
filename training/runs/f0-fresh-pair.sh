#!/usr/bin/env bash
# f0-fresh-pair-PLAN.md: the shipped recipe's seeds 4 and 5 through the shipped pipeline (long start deltas refitted, averaged),
# scored with the shipped decoder settings and with their own fitted ones. Log: training/runs/f0-fresh-pair.log
set -euo pipefail
cd "$(dirname "$0")/../.."
a2m="dotnet artifacts/build/bin/Audio2Midi.Training/release/a2m.dll"
data=../shared/data/hust-solfege
to="HUST_Solfege (MIT) recordings with SSVD v2.0 offsets; a2m synth takes (generated)"
here() { sed -u "s#$PWD/##g"; }
for seed in 4 5; do
  mkdir -p training/runs/f0-fresh-ldelta-seed$seed
  $a2m train-f0 $data --extra artifacts/synth-f0 --shifts "0,-7.3,-2.6,4.1,9.2" --run training/runs/f0-fresh-ldelta-seed$seed --training-seed $seed \
    --refit-start-delta training/runs/f0-seed$seed/best.pt --name "F0 notes (fresh pair, long start deltas, seed $seed)" --threads 1 \
    --trained-on "$to" 2>&1 | here > training/runs/f0-fresh-ldelta-seed$seed/train.log &
done
wait
mkdir -p training/runs/f0-fresh-ensemble
$a2m ensemble-f0 training/runs/f0-fresh-ldelta-seed4/model.onnx training/runs/f0-fresh-ldelta-seed5/model.onnx -o training/runs/f0-fresh-ensemble/model.onnx --name "F0 notes (fresh pair)" 2>&1 | here
# Scored with the shipped settings (beside the fit) and with its own, both against the shipped pair's figures.
training/runs/f0-eval-dev.sh f0-fresh &
training/runs/f0-fit-dev.sh f0-fresh training/runs/f0-ldelta-ensemble/eval-dev.txt
wait
echo ALL DONE
