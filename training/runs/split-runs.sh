# Sourced by the scripts that work on split runs (f0-splits.sh, f0-split-fit.sh, f0-split-decoder.sh): the a2m build,
# the data, and the two steps they share. A split run is training/runs/NAME-s<SPLIT>-<side>, trained on hust-solfege
# split by seed SPLIT (train-f0 --seed SPLIT).
# A2M: another build of a2m (e.g. one built with -p:ArtifactsPath=artifacts/alt/ while these runs train on the main one).
a2m=${A2M:-"dotnet artifacts/build/bin/Audio2Midi.Training/release/a2m.dll"}
data=../shared/data/hust-solfege
# a2m names the files it writes by their full path; the logs are kept in the repository, so without this checkout's prefix.
here() { sed -u "s#$PWD/##g"; }
# The split seed of a split run's folder name; exits with an error for any other folder.
split_of() { [[ ${1%/} =~ -s([0-9]+)-[a-z]+$ ]] || { echo "$1: not a split run (NAME-s<SPLIT>-<side>)" >&2; exit 1; }; echo "${BASH_REMATCH[1]}"; }
# Scores MODEL.onnx on split SPLIT's test recordings at every step into OUT (what the summaries read).
score_on_test() { $a2m evaluate $data --split test --seed "$2" --every-step --model "$1" 2>&1 | here > "$3"; }
