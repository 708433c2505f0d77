namespace Audio2Midi.Plugin;

/// <summary>
/// process: the mono mix feeds the engine; then the audio passes through, delayed by the Latency step
/// (<see cref="AudioDelay"/>; after the analysis, because hosts may process in place, and so a new step
/// crossfades the audio from the start of the block it arrives in); parameter changes split the block
/// at their sample offsets; the engine's events become NoteOn/NoteOff at offsets inside the block.
/// </summary>
internal sealed partial class Processor
{
    private const int MaxPoints = 4096;

    private readonly ChangePoint[] _points = new ChangePoint[MaxPoints];
    private bool _pendingRelease;
    private bool _wasPlaying;
    private long _hostPosition;      // host samples processed since the plugin was made (the window's time line)
    private long _lastPitchFrame = -1;

    /// <summary>Transport as the host reports it in the process context.</summary>
    public enum Transport { Unknown, Stopped, Playing }

    /// <summary>
    /// One host block. <paramref name="inputs"/>/<paramref name="outputs"/> are planar 32-bit channel
    /// pointers (null or 0 channels allowed). Any length; parameter points apply at their offsets.
    /// </summary>
    public unsafe void Process(int frames, float** inputs, int inputChannels, float** outputs, int outputChannels,
        IParameterInput? changes, IEventOutput? events, Transport transport, IParameterOutput? outputChanges = null)
    {
        if (inputs == null) inputChannels = 0;
        if (outputs == null) outputChannels = 0;
        ProcessBlock(frames, inputs, null, inputChannels, changes, events, transport, outputChanges);
        _delay.Process32(Math.Max(0, frames), inputs, inputChannels, outputs, outputChannels);
    }

    /// <summary>The same for 64-bit hosts: the audio passes in 64 bits, the engine analyses it in 32.</summary>
    public unsafe void Process(int frames, double** inputs, int inputChannels, double** outputs, int outputChannels,
        IParameterInput? changes, IEventOutput? events, Transport transport, IParameterOutput? outputChanges = null)
    {
        if (inputs == null) inputChannels = 0;
        if (outputs == null) outputChannels = 0;
        ProcessBlock(frames, null, inputs, inputChannels, changes, events, transport, outputChanges);
        _delay.Process64(Math.Max(0, frames), inputs, inputChannels, outputs, outputChannels);
    }

    private unsafe void ProcessBlock(int frames, float** inputs, double** inputs64, int inputChannels,
        IParameterInput? changes, IEventOutput? events, Transport transport, IParameterOutput? outputChanges)
    {
        frames = Math.Max(0, frames);
        _inProcess = true;

        // An empty block (hosts flush parameters with them) has no valid event offset: whatever it would end (a
        // NoteOff, a pitch-bend reset) is held and sent at offset 0 of the next block that has samples.
        _output.Target = _eventOutActive && frames > 0 ? events : null;
        _output.LastOffset = Math.Max(0, frames - 1);
        _output.BaseOffset = 0;
        _output.FeedBase = _hostPosition - AppliedLatencySamples;   // the window shows notes where they were sung

        ApplyPendingState();
        ApplyRequestedLatency(frames);
        TakePresetChanges();
        if (_output.Target is not null && (_pendingRelease || _output.HasOrphans))
        {
            ReleaseNotes(0);
            _pendingRelease = false;
            _output.HasOrphans = false;
        }
        _output.SendHeldBends(0);
        if (transport != Transport.Unknown)
        {
            bool playing = transport == Transport.Playing;
            if (_wasPlaying && !playing) ReleaseNotes(0);
            _wasPlaying = playing;
        }

        int count = GatherChanges(changes, frames);
        long started = StartBudget();
        int cursor = 0;
        for (int i = 0; i < count; i++)
        {
            int at = _points[i].Offset;
            if (at > cursor)
            {
                Analyse(inputs, inputs64, inputChannels, cursor, at);
                cursor = at;
            }
            ParameterDefinition? p = Parameters.Find(_points[i].Id);
            if (p is null) continue;
            // A new step moves the latency the host compensates: it waits at a block start until the host has read it.
            if (p.Id == ParameterId.Latency) RequestLatency(Parameters.LatencyMs(p.ToPlain(_points[i].Value)));
            else ApplyPlain(p.Id, p.ToPlain(_points[i].Value), at);
        }
        if (cursor < frames) Analyse(inputs, inputs64, inputChannels, cursor, frames);
        EndBudget(started, frames);
        ReportStatus(outputChanges);
        _output.Target = null;
        _hostPosition += frames;
        Feed.Advance(_hostPosition);
        _inProcess = false;
    }

    /// <summary>Ends every sounding note at <paramref name="offset"/>: the engine's own NoteOff first, then any left over.</summary>
    private void ReleaseNotes(int offset)
    {
        _output.BaseOffset = offset;
        _engine.Release(_output);
        _output.ReleaseAll(offset);
    }

    private unsafe void Analyse(float** inputs, double** inputs64, int channels, int from, int to)
    {
        if (_bypassed || !EngineAvailable) return;
        for (int start = from; start < to; start += MaxChunk)
        {
            int n = Math.Min(MaxChunk, to - start);
            Span<float> mono = _mono.AsSpan(0, n);
            if (channels == 0 || !_audioInActive) mono.Clear();
            else if (inputs64 != null) MixDown64(inputs64, channels, start, mono);
            else if (channels == 1) new ReadOnlySpan<float>(inputs[0] + start, n).CopyTo(mono);
            else global::Audio2Midi.Engine.MonoMixdown.FromPlanar(new ReadOnlySpan<float>(inputs[0] + start, n), new ReadOnlySpan<float>(inputs[1] + start, n), mono);
            _output.BaseOffset = start;
            _engine.Process(mono, _output);
            ShowInWindow(mono, _hostPosition + start + n);
        }
    }

    /// <summary>The input level of this piece and the engine's latest f0 frame, for the plugin's window (a few struct writes).</summary>
    private void ShowInWindow(ReadOnlySpan<float> mono, long end)
    {
        double sum = 0;
        for (int i = 0; i < mono.Length; i++) sum += mono[i] * mono[i];
        double rms = mono.Length == 0 ? 0 : Math.Sqrt(sum / mono.Length);
        Feed.Write(end, Editor.EditorFeed.Kind.Level, 0, (float)(double.IsFinite(rms) && rms > 1e-9 ? 20 * Math.Log10(rms) : -180));
        Pitch.PitchFrame f = _engine.LatestPitch;
        if (f.Index == _lastPitchFrame || f.EndSample == 0) return;
        _lastPitchFrame = f.Index;
        Feed.Write(end, Editor.EditorFeed.Kind.Pitch, 0, f.Voiced ? (float)f.Midi : float.NaN, (float)f.VoicedProbability);
    }

    private static unsafe void MixDown64(double** inputs, int channels, int start, Span<float> mono)
    {
        double* l = inputs[0] + start;
        double* r = inputs[Math.Min(1, channels - 1)] + start;
        if (channels == 1) for (int i = 0; i < mono.Length; i++) mono[i] = (float)l[i];
        else for (int i = 0; i < mono.Length; i++) mono[i] = (float)(0.5 * (l[i] + r[i]));
    }

    /// <summary>Copies this block's parameter points and sorts them by offset (stable: queue order kept at equal offsets).</summary>
    private int GatherChanges(IParameterInput? changes, int frames)
    {
        if (changes is null) return 0;
        int count = 0;
        int queues = changes.QueueCount;
        for (int q = 0; q < queues; q++)
        {
            uint id = changes.QueueId(q);
            int points = changes.PointCount(q);
            for (int i = 0; i < points && count < MaxPoints; i++)
            {
                if (!changes.TryGetPoint(q, i, out int offset, out double value)) continue;
                _points[count++] = new ChangePoint(Math.Clamp(offset, 0, frames), count, id, value);
            }
        }
        for (int i = 1; i < count; i++)
        {
            ChangePoint x = _points[i];
            int j = i - 1;
            while (j >= 0 && (_points[j].Offset > x.Offset || (_points[j].Offset == x.Offset && _points[j].Order > x.Order)))
            {
                _points[j + 1] = _points[j];
                j--;
            }
            _points[j + 1] = x;
        }
        return count;
    }

    private readonly record struct ChangePoint(int Offset, int Order, uint Id, double Value);
}
