#!/usr/bin/env bash
# Rebuilds the shipped preset, or one of the two test models, from the data README names (../shared/data/hust-solfege,
# MIT licence; the train split only, the validation split for the best epoch and the decoder thresholds, the test split never).
#   training/presets/rebuild.sh f0         # F0 notes (hust + synth), the shipped preset: synth, train-f0 twice (~15 min each), ensemble-f0
#   training/presets/rebuild.sh live       # tests/models: Live model (hust-solfege): tune (14 min), train (~26 min), export, fit-decoder
#   training/presets/rebuild.sh accurate   # tests/models: Accurate CRNN (500 ms look-ahead): train (~21 min), export, fit-decoder
# The two test models were on the menu until 2026-12-04; below pYIN on other singers, they are now the tests' fixtures
# of a streaming CQT model and a windowed one (docs/plugin.md, Presets).
# Set A2M to run another build of a2m (default: dotnet run of the repository's). The run folders go to training/runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
a2m=${A2M:-"dotnet run -c Release --project training/Audio2Midi.Training --"}
cache=artifacts/datasets/hust-solfege
data=../shared/data/hust-solfege
trained_on="HUST_Solfege (MIT licence) 46 recordings of the train split, with SSVD v2.0 note offsets"
case "${1:-}" in
  f0)
    # 30 min of synthetic takes (seed 7) beside the hust train split; every hust recording also at 4 shifts and a random level.
    # Two runs of that recipe (training seeds 2 and 3), averaged into one preset by a2m ensemble-f0 (~15 min per run).
    # The shipped preset's takes came from a2m synth before its legato change of 2026-12-04 (commit 663e75d and earlier):
    # today's a2m writes other takes for the same seed (docs/training.md, "Legato-faithful synthetic takes").
    $a2m synth --minutes 30 --seed 7 --out artifacts/synth-f0 -q
    # Then each run's 120 ms head's pitch delta is refitted for starting notes, the rest frozen (~6 min per run;
    # training/runs/f0-start-delta-long-PLAN.md), and the two refitted runs are averaged. The shipped model's 250 ms
    # delta was refitted too (train-f0's default until 2026-12-05); its manifest no longer reads it, and its 250 ms head
    # confirms a legato move over 16 frames (training/runs/f0-250-pair-PLAN.md), names it by its first 40 frames and, live,
    # makes a move the f0 crept to wait 30 (f0-move-name-250-PLAN.md, f0-slow-moves-live-PLAN.md): the decoder's defaults
    # for that head, which train-f0 and ensemble-f0 write, so a rebuild decodes the same way.
    for seed in 2 3; do
      $a2m train-f0 "$data" --extra artifacts/synth-f0 --shifts "0,-7.3,-2.6,4.1,9.2" --run training/runs/f0-seed$seed --training-seed $seed \
        --name "F0 notes (training seed $seed)" --threads 1 --trained-on "HUST_Solfege (MIT) recordings with SSVD v2.0 offsets; a2m synth takes (generated)"
      $a2m train-f0 "$data" --extra artifacts/synth-f0 --shifts "0,-7.3,-2.6,4.1,9.2" --run training/runs/f0-ldelta-seed$seed --training-seed $seed \
        --refit-start-delta training/runs/f0-seed$seed/best.pt --name "F0 notes (long start deltas, seed $seed)" --threads 1 \
        --trained-on "HUST_Solfege (MIT) recordings with SSVD v2.0 offsets; a2m synth takes (generated)"
    done
    $a2m ensemble-f0 training/runs/f0-ldelta-seed2/model.onnx training/runs/f0-ldelta-seed3/model.onnx -o training/presets/f0-notes.onnx --name "F0 notes (hust + synth)"
    exit 0
    ;;
esac
[ -d "$cache" ] || $a2m dataset import "$data" --out "$cache"
case "${1:-}" in
  live)
    $a2m tune -d "$cache" -o training/runs/tune-live --trials 6 --epochs 3
    $a2m train --config training/runs/tune-live/best-config.json -d "$cache" -o training/runs/live-hust-tuned -q
    $a2m export training/runs/live-hust-tuned -o tests/models/live-hust-tuned.onnx --name "Live model (hust-solfege)" --trained-on "$trained_on"
    $a2m fit-decoder tests/models/live-hust-tuned.onnx --recordings "$data" --cache "$cache" --split validation --latency 60
    ;;
  accurate)
    $a2m train -d "$cache" -o training/runs/crnn-hust --model crnn -q
    $a2m export training/runs/crnn-hust -o tests/models/crnn-hust-500ms.onnx --name "Accurate CRNN (500 ms look-ahead)" --look-ahead 500 --trained-on "$trained_on"
    $a2m fit-decoder tests/models/crnn-hust-500ms.onnx --recordings "$data" --cache "$cache" --split validation --latency 250
    ;;
  *)
    echo "usage: $0 live|accurate|f0" >&2
    exit 2
    ;;
esac
