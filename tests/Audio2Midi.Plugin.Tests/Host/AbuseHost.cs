using Audio2Midi.Plugin.Interop;

namespace Audio2Midi.Plugin.Tests.Host;

/// <summary>
/// A host that abuses one plugin instance at random (seeded, so a failure replays): blocks of 0-8192 frames, input
/// that is silence, a voice, noise, NaN, infinities, denormals or 1e30; any parameter changed at random offsets with
/// values in and out of range (presets, bad user presets included, and Latency steps among them); transport stops;
/// rate changes through deactivation (rates no engine runs at included); state round trips and corrupt states. After
/// every call it checks: the call succeeded, the output is finite, events lie inside their block, no NoteOn for a note
/// that sounds, no NoteOff for one that does not, and every note ends on a transport stop, on bypass and on
/// reactivation. <see cref="Run"/> returns the first broken invariant, or null.
/// </summary>
internal sealed unsafe class AbuseHost
{
    private static readonly double[] Rates = [44100, 48000, 22050, 96000, 192000, 8000, 7999, 400000, 11025];

    private readonly Random _rng;
    private readonly PluginInstance _p;
    private readonly HostEventRecorder _events = new();
    private readonly HostParameterChangeList _changes = new();
    private readonly HashSet<(int Channel, int Pitch)> _sounding = [];
    private readonly float[] _voice;
    private double _rate = 48000;
    private bool _playing, _bypassed, _mustEndAll;
    private int _voiceAt;

    public int Calls { get; private set; }
    public int NoteOns { get; private set; }
    public int Blocks { get; private set; }

    private AbuseHost(PluginInstance p, int seed)
    {
        _p = p;
        _rng = new Random(seed);
        _voice = Signals.Melody(48000, 57, 60, 64, 67, 69, 72, 64, 60);
    }

    /// <summary>Runs <paramref name="calls"/> random host calls on a new instance; the first broken invariant, or null.</summary>
    public static string? Run(int seed, int calls, out AbuseHost host, Action<int>? progress = null)
    {
        using var p = new PluginInstance();
        host = new AbuseHost(p, seed);
        p.Start(host._rate, channels: 2);
        for (int i = 0; i < calls; i++)
        {
            host.Calls++;
            string? broken = host.Step();
            if (broken is not null) return $"seed {seed}, call {i}: {broken}";
            if (progress is not null && (i + 1) % 5000 == 0) progress(i + 1);
        }
        return null;
    }

    private string? Step()
    {
        int action = _rng.Next(100);
        if (action < 2) return ChangeRate();
        if (action < 4) return RoundTripState(corrupt: _rng.Next(2) == 0);
        if (action < 5) return Restart();
        return Process();
    }

    private string? ChangeRate()
    {
        if (_p.SetProcessing(false) != Result.Ok || _p.SetActive(false) != Result.Ok) return "deactivation failed";
        _rate = Rates[_rng.Next(Rates.Length)];
        if (_p.Setup(_rate, _rng.Next(2) == 0 ? PluginInstance.MaxFrames : 512) != Result.Ok) return $"setupProcessing({_rate}) failed";
        if (_p.SetActive(true) != Result.Ok || _p.SetProcessing(true) != Result.Ok) return "activation failed";
        _mustEndAll = _sounding.Count > 0;
        return null;
    }

    private string? Restart()
    {
        if (_p.SetProcessing(false) != Result.Ok || _p.SetActive(false) != Result.Ok) return "deactivation failed";
        if (_p.SetActive(true) != Result.Ok || _p.SetProcessing(true) != Result.Ok) return "activation failed";
        _mustEndAll = _sounding.Count > 0;
        return null;
    }

    private string? RoundTripState(bool corrupt)
    {
        byte[] state = _p.GetState();
        if (state.Length == 0) return "getState wrote nothing";
        if (corrupt)
        {
            switch (_rng.Next(3))
            {
                case 0: state = state[..(_rng.Next(state.Length))]; break;
                case 1: state[_rng.Next(state.Length)] ^= (byte)(1 + _rng.Next(255)); break;
                default: _rng.NextBytes(state); break;
            }
        }
        // A rejected state is an answer, not a failure; what matters is that the instance goes on. Bypass is whatever
        // the state says now: checked again from the next explicit change.
        _p.SetState(state);
        _p.SetComponentState(state);
        _bypassed = false;
        return null;
    }

    private string? Process()
    {
        int frames = _rng.Next(10) switch
        {
            0 => 0,
            1 => _rng.Next(1, 8193),
            2 => 1,
            _ => _rng.Next(1, 600),
        };
        FillInput(frames);
        _changes.Clear();
        bool bypassChanged = false;
        int changes = _rng.Next(4) == 0 ? _rng.Next(1, 5) : 0;
        for (int i = 0; i < changes; i++)
        {
            ParameterDefinition def = Parameters.All[_rng.Next(Parameters.Count)];
            double value = _rng.Next(8) switch
            {
                0 => -0.5,
                1 => 1.5,
                2 => 0,
                3 => 1,
                _ => _rng.NextDouble(),
            };
            if (def.Id == ParameterId.Bypass)
            {
                if (bypassChanged) continue;   // one per block: the last by offset is then the one that holds
                value = _rng.Next(2);
                _bypassed = value >= 0.5;
                bypassChanged = true;
            }
            _changes.Add((uint)def.Id, frames == 0 ? 0 : _rng.Next(frames), value);
        }
        bool wasPlaying = _playing;
        if (_rng.Next(50) == 0) _playing = !_playing;
        bool stopped = wasPlaying && !_playing;
        var context = new ProcessContext { State = _playing ? Vst.ContextPlaying : 0, SampleRate = _rate };

        var before = new HashSet<(int, int)>(_sounding);
        _events.Clear();
        int result = _p.Process(frames, _changes, _events, &context);
        Blocks++;
        if (result != Result.Ok) return $"process({frames}) returned {result}";
        for (int c = 0; c < _p.Channels; c++)
            foreach (float x in _p.Output(c)[..frames])
                if (!float.IsFinite(x)) return $"output channel {c} holds {x}";

        var ended = new HashSet<(int, int)>();
        foreach (Event e in _events.Events)
        {
            if (frames == 0) return $"event type {e.Type} in a block with no samples";
            if (e.SampleOffset < 0 || e.SampleOffset >= frames) return $"event at offset {e.SampleOffset} in a {frames}-frame block";
            if (e.Type == Vst.EventNoteOn)
            {
                NoteOns++;
                if (!_sounding.Add((e.NoteOn.Channel, e.NoteOn.Pitch))) return $"NoteOn {e.NoteOn.Pitch} on channel {e.NoteOn.Channel} while it sounds";
            }
            else if (e.Type == Vst.EventNoteOff)
            {
                if (!_sounding.Remove((e.NoteOff.Channel, e.NoteOff.Pitch))) return $"NoteOff {e.NoteOff.Pitch} on channel {e.NoteOff.Channel} that does not sound";
                ended.Add((e.NoteOff.Channel, e.NoteOff.Pitch));
            }
        }
        if (frames == 0) return null;   // what this block ended is held for the next block with samples
        if ((stopped || _mustEndAll) && !before.IsSubsetOf(ended))
            return $"{before.Count - before.Intersect(ended).Count()} notes not ended on {(stopped ? "a transport stop" : "reactivation")}";
        _mustEndAll = false;
        if (_bypassed && _sounding.Count > 0)
            return $"{_sounding.Count} notes sound while bypassed";
        return null;
    }

    private void FillInput(int frames)
    {
        int kind = _rng.Next(12);
        for (int c = 0; c < _p.Channels; c++)
        {
            Span<float> input = _p.Input(c)[..frames];
            for (int i = 0; i < frames; i++)
            {
                input[i] = kind switch
                {
                    0 => 0,
                    1 => (float)(_rng.NextDouble() * 2 - 1),
                    2 => float.NaN,
                    3 => _rng.Next(2) == 0 ? float.PositiveInfinity : float.NegativeInfinity,
                    4 => 1e-40f,
                    5 => 1e30f,
                    6 => 0.5f,
                    _ => _voice[(_voiceAt + i) % _voice.Length],
                };
            }
        }
        _voiceAt = (_voiceAt + frames) % _voice.Length;
    }
}
