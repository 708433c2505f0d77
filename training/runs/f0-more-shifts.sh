#!/bin/bash
# f0-more-shifts (training/runs/f0-more-shifts-PLAN.md): OLD is an a2m built from commit 0acc9a6 (git worktree add /tmp/oldsynth 0acc9a6; dotnet build training/Audio2Midi.Training -c Release there), the generator the shipped takes came from.
set -e
cd /work/main
A="dotnet artifacts/build/bin/Audio2Midi.Training/release/a2m.dll"
OLD="dotnet /tmp/oldsynth/artifacts/build/bin/Audio2Midi.Training/release/a2m.dll"
[ -d artifacts/synth-f0 ] || $OLD synth --minutes 30 --seed 7 --out artifacts/synth-f0 -q
TO="HUST_Solfege (MIT) recordings with SSVD v2.0 offsets; a2m synth takes (generated)"
for seed in 2 3; do
  mkdir -p training/runs/f0-ms-seed$seed
  $A train-f0 ../shared/data/hust-solfege --extra artifacts/synth-f0 --shifts "0,-9.5,-7.3,-4.8,-2.6,2.2,4.1,6.7,9.2" --run training/runs/f0-ms-seed$seed --training-seed $seed \
    --name "F0 notes (more shifts, seed $seed)" --threads 1 --trained-on "$TO" > training/runs/f0-ms-seed$seed/train.log 2>&1 &
done
wait
for seed in 2 3; do
  mkdir -p training/runs/f0-ms-ldelta-seed$seed
  $A train-f0 ../shared/data/hust-solfege --extra artifacts/synth-f0 --shifts "0,-9.5,-7.3,-4.8,-2.6,2.2,4.1,6.7,9.2" --run training/runs/f0-ms-ldelta-seed$seed --training-seed $seed \
    --refit-start-delta training/runs/f0-ms-seed$seed/best.pt --name "F0 notes (more shifts, long start deltas, seed $seed)" --threads 1 --trained-on "$TO" > training/runs/f0-ms-ldelta-seed$seed/train.log 2>&1 &
done
wait
mkdir -p training/runs/f0-ms-ensemble
$A ensemble-f0 training/runs/f0-ms-ldelta-seed2/model.onnx training/runs/f0-ms-ldelta-seed3/model.onnx -o training/runs/f0-ms-ensemble/model.onnx --name "F0 notes (more shifts)"
echo ALL DONE
