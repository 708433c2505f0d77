#!/usr/bin/env bash
# Runs Steinberg's VST3 validator (basic and extensive) on the bundle once with each preset of the menu as the
# default of new instances (AUDIO2MIDI_DEFAULT_PRESET), and prints one result line per run.
# The validator is not part of this repository: build it from Steinberg's public vst3sdk (its
# public.sdk/samples/vst-hosting/validator target) and pass its path.
# Usage: tests/validator/run-validator.sh PATH/TO/validator [BUNDLE] > docs/measurements/validator.txt
set -euo pipefail
validator=$(realpath "${1:?usage: $0 PATH/TO/validator [BUNDLE]}")
bundle=$(realpath "${2:-$(dirname "$0")/../../artifacts/Audio2Midi.vst3}")
[ -x "$validator" ] || { echo "error: $validator: not an executable validator" >&2; exit 2; }
[ -d "$bundle" ] || { echo "error: $bundle: no such bundle (build it: dotnet publish plugin/Audio2Midi.Plugin -c Release)" >&2; exit 2; }
cd "$(dirname "$0")/../.."
# pYIN and each shipped preset (the names in training/presets/*.json, which the bundle carries).
presets=("pYIN (live)")
for manifest in training/presets/*.json; do
  # The manifest writer escapes some characters (\u002B for "+"): printf %b decodes them.
  presets+=("$(printf '%b' "$(sed -n 's/^ *"name": "\(.*\)",$/\1/p' "$manifest" | head -1)")")
done
echo "$("$validator" -version 2>&1 | grep -m1 -i validator || echo "validator version unknown"); bundle artifacts/Audio2Midi.vst3 built from $(git rev-parse --short HEAD); $(date -u +%F)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for preset in "${presets[@]}"; do
  for mode in basic extensive; do
    args=(); [ "$mode" = extensive ] && args=(-e)
    if AUDIO2MIDI_DEFAULT_PRESET="$preset" "$validator" "${args[@]}" "$bundle" > "$log" 2>&1; then rc=0; else rc=$?; status=1; fi
    echo "$preset | $mode | $(grep -m1 '^Result:' "$log" || echo 'no result line') | exit $rc"
  done
done
exit $status
