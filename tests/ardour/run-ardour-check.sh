#!/usr/bin/env bash
# Headless Ardour 7 check of the published plugin (not part of CI: it needs Debian's `ardour` package).
#   apt-get install -y ardour
#   dotnet publish plugin/Audio2Midi.Plugin -c Release -r linux-x64 -p:InstallVst3=false
#   tests/ardour/run-ardour-check.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bundle="$here/../../artifacts/Audio2Midi.vst3"
[ -d "$bundle" ] || { echo "error: $bundle is missing: publish the plugin first" >&2; exit 1; }
command -v ardour7-lua >/dev/null || { echo "error: ardour7-lua not found: apt-get install -y ardour" >&2; exit 1; }

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/.vst3" "$scratch/.config/ardour7/scripts"
cp -r "$bundle" "$scratch/.vst3/"
cp "$here/a2m_note_counter.lua" "$scratch/.config/ardour7/scripts/"
# The two test models (a streaming CQT model and a windowed CRNN, off the shipped menu) as the user's presets, so the
# check still loads each engine kind.
mkdir -p "$scratch/.local/share/Audio2Midi/presets"
cp "$here/../models/"*.onnx "$here/../models/"*.json "$scratch/.local/share/Audio2Midi/presets/"

# ardour7-lua only reads the plugin cache: index the bundle with Ardour's scanner first, and make the
# cache newer than the plugin (with equal mtimes Ardour logs it as "updated" and skips it).
# Output names the scratch folder $SCRATCH, so a saved run holds no path of the machine it ran on.
tidy() { sed "s#$scratch#\$SCRATCH#g"; }
HOME="$scratch" LD_LIBRARY_PATH=/usr/lib/ardour7 /usr/lib/ardour7/ardour-vst3-scanner -f "$scratch/.vst3/Audio2Midi.vst3" 2>&1 | tidy
touch -d '+1 hour' "$scratch"/.cache/ardour7/vst/*.v3i

cd "$scratch"
HOME="$scratch" A2M_SESSION_DIR="$scratch/session" ardour7-lua "$here/check-session.lua" 2>&1 | tidy
echo "--- the plugin's log (what it loaded, where its latency announcements come from):"
if [ -f "$scratch/.local/share/Audio2Midi/plugin.log" ]; then tidy < "$scratch/.local/share/Audio2Midi/plugin.log"; else echo "(no plugin.log)"; fi
