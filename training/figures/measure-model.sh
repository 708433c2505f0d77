#!/usr/bin/env bash
# Scores a model and the pYIN engine side by side at every Latency step and offline: on the held-out test split
# of hust-solfege and on vocadito (evaluation only). Usage: training/figures/measure-model.sh MODEL.onnx [A2M]
set -euo pipefail
model="$1"
a2m="${2:-dotnet run -c Release --project training/Audio2Midi.Training --}"
hust=(../shared/data/hust-solfege --cache artifacts/datasets/hust-solfege --split test)
for set in hust vocadito; do
  if [ "$set" = hust ]; then args=("${hust[@]}"); else args=(../shared/data/vocadito); fi
  for step in 0 30 60 120 250; do
    echo "== $set model live $step"; $a2m evaluate "${args[@]}" --model "$model" --live --latency "$step" 2>&1 | tail -1
  done
  echo "== $set model offline"; $a2m evaluate "${args[@]}" --model "$model" 2>&1 | tail -1
done
