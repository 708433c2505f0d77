#!/usr/bin/env bash
# Scores every shipped preset at every Latency step, live as the plugin runs it, and offline: COnP F1 as recorded and the as-heard
# delay, on vocadito (evaluation only) and on the held-out hust-solfege test split.
# Usage: training/figures/measure-presets.sh [A2M] > training/figures/presets-steps.txt
set -euo pipefail
a2m="${1:-dotnet run -c Release --project training/Audio2Midi.Training --}"
hust=(../shared/data/hust-solfege --cache artifacts/datasets/hust-solfege --split test)
presets=("pYIN (live)" "F0 notes (hust + synth)" "Live model (hust-solfege)" "Accurate CRNN (500 ms look-ahead)")
for set in vocadito hust; do
  if [ "$set" = hust ]; then args=("${hust[@]}"); else args=(../shared/data/vocadito); fi
  for preset in "${presets[@]}"; do
    for step in 0 30 60 120 250 offline; do
      echo "== $set | $preset | $step"
      if [ "$step" = offline ]; then live=(); else live=(--live --latency "$step"); fi
      $a2m evaluate "${args[@]}" --preset "$preset" "${live[@]}" 2>&1 | tail -1
    done
  done
done
