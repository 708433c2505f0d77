using Audio2Midi.Dsp;
using Audio2Midi.Engine;
using Audio2Midi.IO;
using Audio2Midi.Midi;
using Audio2Midi.Models;
using Audio2Midi.Notes;
using Audio2Midi.Pitch;
using Audio2Midi.Placement;

namespace Audio2Midi.Transcription;

/// <summary>
/// Streams a recording through the same engine the plugin runs, block by block as a host would,
/// and collects the notes. Live mode plays the file at the host rate in host-sized blocks and times
/// notes where they are emitted; offline mode lets the decoder look ahead and times notes where they were sung.
/// </summary>
public static class FileTranscriber
{
    /// <summary>Silence fed after the end so the last note is released the way a host's silence would release it.</summary>
    private const double TailSeconds = 0.5;

    public static TranscriptionResult Transcribe(string path, TranscriptionOptions options, IProgress<double>? progress = null, CancellationToken cancel = default)
    {
        options.Validate();
        using AudioFileReader reader = AudioFileReader.Open(path);
        var warnings = new List<string>();
        var result = Transcribe(reader.ReadMono, reader.SampleRate, reader.FrameCount, options, progress, cancel);
        if (reader.WasTruncated) warnings.Add($"{path}: the data chunk is shorter than its header says; transcribed what is there");
        warnings.AddRange(result.Warnings);
        return result with { Warnings = warnings };
    }

    /// <summary>Transcribes mono samples already in memory.</summary>
    public static TranscriptionResult Transcribe(ReadOnlyMemory<float> mono, int sampleRate, TranscriptionOptions options)
    {
        int position = 0;
        int Read(Span<float> destination)
        {
            int n = Math.Min(destination.Length, mono.Length - position);
            mono.Span.Slice(position, n).CopyTo(destination);
            position += n;
            return n;
        }
        return Transcribe(Read, sampleRate, mono.Length, options, null, default);
    }

    /// <summary>The streaming core: <paramref name="readMono"/> fills a span and returns the frames read (0 at the end).</summary>
    public static TranscriptionResult Transcribe(ReadMono readMono, int sourceRate, long totalFrames, TranscriptionOptions options,
        IProgress<double>? progress, CancellationToken cancel)
    {
        options.Validate();
        // Offline pYIN runs the longest step exactly as live does, at the host rate; a model offline runs at the file's rate.
        double hostRate = options.Live || options.ModelPath is null ? options.HostRate : sourceRate;
        using ModelPreset? preset = options.ModelPath is null ? null : ModelPreset.Load(options.ModelPath);
        // Offline, a windowed model sees whole windows; live, it runs through its sliding window like the plugin.
        if (preset is { Model.Streams: false } && !options.Live)
        {
            var all = new List<float>();
            var chunk = new float[65536];
            for (int n; (n = readMono(chunk)) > 0;)
            {
                cancel.ThrowIfCancellationRequested();
                all.AddRange(chunk.AsSpan(0, n));
            }
            TranscriptionResult windowed = WindowedModelTranscriber.Transcribe(all.ToArray(), sourceRate, preset, options);
            progress?.Report(1.0);
            return windowed;
        }
        INoteEngine engine = CreateEngine(options, hostRate, preset);
        // Live, and offline through a placed engine (pYIN at the longest step), notes are taken as a compensating host
        // records them, so offline equals that step exactly; an unplaced engine's notes are taken where it dates them.
        bool asRecorded = options.Live || engine is PlacedNoteEngine;
        int reported = asRecorded ? engine.LatencySamples : 0;

        // A DAW playing a file at another rate resamples it first; that resampler's delay is ours to remove.
        StreamingResampler? toHost = hostRate != sourceRate ? new StreamingResampler(sourceRate, hostRate, 4096) : null;
        double shift = toHost is null ? 0 : toHost.DelayInputSamples / sourceRate;
        // Live notes are written where a compensating host records them: output position minus the reported latency.
        var collector = new NoteCollector(hostRate, useSourceTime: !asRecorded, shift + reported / hostRate);
        var blocks = new HostBlockFeeder(engine, collector, options.BlockSize);

        var fileBuffer = new float[4096];
        var hostBuffer = new float[toHost?.MaxOutputCount(fileBuffer.Length) ?? fileBuffer.Length];
        long framesRead = 0;
        int lastPercent = -1;
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            int n = readMono(fileBuffer);
            if (n <= 0) break;
            framesRead += n;
            Feed(fileBuffer.AsSpan(0, n));
            if (progress is not null && totalFrames > 0)
            {
                int percent = (int)(100 * framesRead / totalFrames);
                if (percent != lastPercent) { lastPercent = percent; progress.Report(Math.Min(1.0, (double)framesRead / totalFrames)); }
            }
        }

        double duration = (double)framesRead / sourceRate;
        Array.Clear(fileBuffer);
        int tail = TailFrames(sourceRate, reported, hostRate);
        for (int fed = 0; fed < tail; fed += fileBuffer.Length)
            Feed(fileBuffer.AsSpan(0, Math.Min(fileBuffer.Length, tail - fed)));
        blocks.Flush();
        engine.Release(collector);
        collector.CloseAll(duration);

        // The transcription ends with the recording: a note whose NoteOn comes only after it (a decoder
        // with look-ahead emits late) has no sound left in the file and is left out.
        var notes = collector.Notes.Select(n => Clip(n, duration)).Where(n => n.OffsetSeconds > n.OnsetSeconds).ToList();
        if (!options.Live)
        {
            // Offline the engine may drop what live had to play: notes shorter than the minimum.
            double min = options.Notes.MinNoteMs / 1000.0;
            notes = notes.Where(n => n.OffsetSeconds - n.OnsetSeconds >= min).ToList();
        }
        notes.Sort((a, b) => a.OnsetSeconds != b.OnsetSeconds ? a.OnsetSeconds.CompareTo(b.OnsetSeconds) : a.Pitch.CompareTo(b.Pitch));
        progress?.Report(1.0);
        return new TranscriptionResult(notes, collector.PitchBends, duration, reported / hostRate, []);

        void Feed(ReadOnlySpan<float> source)
        {
            if (toHost is null) { blocks.Push(source); return; }
            int produced = toHost.Process(source, hostBuffer);
            blocks.Push(hostBuffer.AsSpan(0, produced));
        }
    }

    /// <summary>
    /// The engine a transcription runs. Live: the plugin's own (<see cref="LiveEngine"/>) at the Latency
    /// step. Offline: the engine of the longest Latency step (its confirmations, settling, and placement, which
    /// strikes notes replaced before anyone heard them), its notes taken at their sung positions, so offline is never
    /// worse than that step (issue 17: the old offline profile, 100 ms of decoder lag with Instant's timings, scored 0.533
    /// COnP F1 on the hust-solfege validation split where the 250 ms step scored 0.627); a streaming spectral model the
    /// same way. An f0 model offline runs its longest head and names each note by the median f0 over all of it.
    /// </summary>
    public static INoteEngine CreateEngine(TranscriptionOptions options, double hostRate, ModelPreset? preset = null)
    {
        if (preset is not null)
            return options.Live ? LiveEngine.CreateModel(hostRate, preset, options.Notes, options.LatencyMs, options.Decoder, options.PyinPitch)
                : preset.Manifest.IsF0 ? LiveEngine.CreateModel(hostRate, preset, options.Notes, options.Decoder, options.PyinPitch)
                : LiveEngine.CreateModel(hostRate, preset, options.Notes, LatencySteps.MaxMs, options.Decoder, options.PyinPitch);
        return LiveEngine.CreatePyin(hostRate, options.Notes, options.Live ? options.LatencyMs : LatencySteps.MaxMs, options.Pyin, options.DecoderLagFrames);
    }

    /// <summary>
    /// Silence fed after the end of a recording (in its own samples), so that the last note is released
    /// the way a host's silence would release it and everything waiting for its position has left.
    /// </summary>
    public static int TailFrames(int sourceRate, int reportedLatencySamples, double hostRate) =>
        (int)(TailSeconds * sourceRate) + (int)((double)reportedLatencySamples * sourceRate / hostRate);

    private static MidiNote Clip(MidiNote n, double duration) =>
        n with { OnsetSeconds = Math.Min(n.OnsetSeconds, duration), OffsetSeconds = Math.Min(n.OffsetSeconds, duration) };

    public delegate int ReadMono(Span<float> destination);

    /// <summary>Cuts a stream into fixed host blocks, as a DAW calls process.</summary>
    private sealed class HostBlockFeeder(INoteEngine engine, INoteEventSink sink, int blockSize)
    {
        private readonly float[] _block = new float[blockSize];
        private int _filled;

        public void Push(ReadOnlySpan<float> samples)
        {
            while (!samples.IsEmpty)
            {
                int n = Math.Min(samples.Length, _block.Length - _filled);
                samples.Slice(0, n).CopyTo(_block.AsSpan(_filled));
                _filled += n;
                samples = samples.Slice(n);
                if (_filled == _block.Length)
                {
                    engine.Process(_block, sink);
                    _filled = 0;
                }
            }
        }

        public void Flush()
        {
            if (_filled > 0) engine.Process(_block.AsSpan(0, _filled), sink);
            _filled = 0;
        }
    }
}
