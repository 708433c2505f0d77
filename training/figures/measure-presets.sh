#!/usr/bin/env bash
# Scores pYIN, every shipped preset and the test models at every Latency step, live as the plugin runs it, and offline: COnP F1 as recorded and the as-heard
# delay, on vocadito (evaluation only) and on the held-out hust-solfege test split.
# Usage: training/figures/measure-presets.sh [A2M] > training/figures/presets-steps.txt
set -euo pipefail
a2m="${1:-dotnet run -c Release --project training/Audio2Midi.Training --}"
hust=(../shared/data/hust-solfege --cache artifacts/datasets/hust-solfege --split test)
# pYIN, the shipped preset, and the two test models (off the menu since 2026-12-04, run by path).
engines=("--preset|pYIN (live)" "--preset|F0 notes (hust + synth)" "--model|tests/models/live-hust-tuned.onnx" "--model|tests/models/crnn-hust-500ms.onnx")
for set in vocadito hust; do
  if [ "$set" = hust ]; then args=("${hust[@]}"); else args=(../shared/data/vocadito); fi
  for engine in "${engines[@]}"; do
    option=${engine%%|*}; preset=${engine#*|}
    for step in 0 30 60 120 250 offline; do
      echo "== $set | $preset | $step"
      if [ "$step" = offline ]; then live=(); else live=(--live --latency "$step"); fi
      $a2m evaluate "${args[@]}" "$option" "$preset" "${live[@]}" 2>&1 | tail -1
    done
  done
done
