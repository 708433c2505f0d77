#!/usr/bin/env bash
# The shipped f0 recipe (training/presets/rebuild.sh f0) with other data, as the experiments of 2026-12-04 ran it:
# train-f0 with two training seeds side by side (SEEDS), each run's long heads' start deltas refitted, the two refits averaged.
#   [TRAIN_ARGS="--rooms 0.5"] [SEEDS="4 5"] training/runs/f0-recipe-pair.sh PREFIX LABEL SYNTH_MINUTES SHIFTS
# SEEDS: the two training seeds (default "2 3", as the runs of 2026-12-04 used). New experiments use "4 5" and compare with
# the fresh pair of the shipped recipe on those seeds (f0-fresh-pair-PLAN.md; docs/training.md, "Comparing recipes").
#   e.g. training/runs/f0-recipe-pair.sh f0-ls "less synth" 10 "0,-7.3,-2.6,4.1,9.2"           (f0-less-synth-PLAN.md)
#        training/runs/f0-recipe-pair.sh f0-ms "more shifts" 30 "0,-9.5,-7.3,-4.8,-2.6,2.2,4.1,6.7,9.2"   (f0-more-shifts-PLAN.md)
#        TRAIN_ARGS="--rooms 0.5" training/runs/f0-recipe-pair.sh f0-rm rooms 30 "0,-7.3,-2.6,4.1,9.2"       (f0-rooms-PLAN.md)
# TRAIN_ARGS go to both the training runs and their refits, so a refit sees the data its run trained on.
# TAKES=DIR trains on that folder of generated takes instead (written beforehand; SYNTH_MINUTES is then only a label),
#   e.g. TAKES=artifacts/synth-f0-voiced (f0-voiced-cons-PLAN.md).
# Then score the pair on the development sets: training/runs/f0-eval-dev.sh PREFIX.
# The generated takes must come from a2m synth before its legato change (the shipped takes' generator): set OLD_A2M to
# an a2m built from commit 0acc9a6 (git worktree add ../a2m-0acc9a6 0acc9a6, then dotnet build
# training/Audio2Midi.Training -c Release there); default: that worktree's build beside this repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 4 ] || { echo "usage: $0 PREFIX LABEL SYNTH_MINUTES SHIFTS" >&2; exit 2; }
prefix=$1 label=$2 minutes=$3 shifts=$4
a2m="dotnet artifacts/build/bin/Audio2Midi.Training/release/a2m.dll"
old=${OLD_A2M:-"dotnet ../a2m-0acc9a6/artifacts/build/bin/Audio2Midi.Training/release/a2m.dll"}
takes=${TAKES:-artifacts/synth-f0$([ "$minutes" = 30 ] || echo "-$minutes")}
[ -n "${TAKES:-}" ] && { [ -d "$takes" ] || { echo "TAKES=$takes: no such folder" >&2; exit 1; }; }
[ -d "$takes" ] || $old synth --minutes "$minutes" --seed 7 --out "$takes" -q
data=../shared/data/hust-solfege
to="HUST_Solfege (MIT) recordings with SSVD v2.0 offsets; a2m synth takes (generated)"
read -r -a more <<< "${TRAIN_ARGS:-}"
# a2m names the files it writes by their full path; the logs are kept in the repository, so without this checkout's prefix.
here() { sed -u "s#$PWD/##g"; }
read -r -a seeds <<< "${SEEDS:-2 3}"
[ ${#seeds[@]} -eq 2 ] || { echo "SEEDS must name two training seeds, e.g. SEEDS=\"4 5\"" >&2; exit 2; }
for seed in "${seeds[@]}"; do
  mkdir -p training/runs/$prefix-seed$seed
  $a2m train-f0 $data --extra "$takes" --shifts "$shifts" ${more[@]+"${more[@]}"} --run training/runs/$prefix-seed$seed --training-seed $seed \
    --name "F0 notes ($label, seed $seed)" --threads 1 --trained-on "$to" 2>&1 | here > training/runs/$prefix-seed$seed/train.log &
done
wait
for seed in "${seeds[@]}"; do
  mkdir -p training/runs/$prefix-ldelta-seed$seed
  $a2m train-f0 $data --extra "$takes" --shifts "$shifts" ${more[@]+"${more[@]}"} --run training/runs/$prefix-ldelta-seed$seed --training-seed $seed \
    --refit-start-delta training/runs/$prefix-seed$seed/best.pt --name "F0 notes ($label, long start deltas, seed $seed)" --threads 1 \
    --trained-on "$to" 2>&1 | here > training/runs/$prefix-ldelta-seed$seed/train.log &
done
wait
mkdir -p training/runs/$prefix-ensemble
$a2m ensemble-f0 training/runs/$prefix-ldelta-seed${seeds[0]}/model.onnx training/runs/$prefix-ldelta-seed${seeds[1]}/model.onnx -o training/runs/$prefix-ensemble/model.onnx --name "F0 notes ($label)" 2>&1 | here
echo ALL DONE
