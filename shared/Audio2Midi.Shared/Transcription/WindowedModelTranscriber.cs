using Audio2Midi.Engine;
using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Notes;

namespace Audio2Midi.Transcription;

/// <summary>
/// Offline transcription with a windowed model (crnn, transformer, unet): the training feature function over the
/// whole recording, the model over consecutive windows of its own length (the last one padded with zeros, the
/// normalised mean), then the same note decoder the live engine runs, notes placed where they were sung. The live
/// path runs the same model through <see cref="SlidingWindowModel"/> instead; this is the offline path only. Allocates.
/// </summary>
public static class WindowedModelTranscriber
{
    public static TranscriptionResult Transcribe(ReadOnlySpan<float> mono, int sampleRate, ModelPreset preset, TranscriptionOptions options)
    {
        ModelManifest m = preset.Manifest;
        FeatureParameters features = m.Cqt;
        float[] frames = CqtFeatureExtractor.Compute(mono, sampleRate, features, out int count);
        int bins = features.Cqt.BinCount, window = Math.Max(1, m.WindowFrames > 0 ? m.WindowFrames : m.LookAheadFrames);
        var decoder = new PosteriorNoteDecoder(m.Layout, options.Decoder ?? m.Decoder, options.Notes, features.Cqt.HopSamples);
        double hostPerInternal = (double)sampleRate / features.Cqt.SampleRate;
        var collector = new NoteCollector(sampleRate, useSourceTime: true);
        var input = new float[window * bins];
        for (int start = 0; start < count; start += window)
        {
            int real = Math.Min(window, count - start);
            Array.Clear(input);
            frames.AsSpan(start * bins, real * bins).CopyTo(input);
            preset.Model.Reset();
            float[] posteriors = preset.Model.RunFrames(input, window);
            for (int t = 0; t < real; t++)
            {
                decoder.Step(posteriors.AsSpan(t * m.Layout.Size, m.Layout.Size));
                Emit(decoder.Events, hostPerInternal, collector);
            }
        }
        decoder.Release(count * (long)features.Cqt.HopSamples);
        Emit(decoder.Events, hostPerInternal, collector);
        double duration = (double)mono.Length / sampleRate;
        collector.CloseAll(duration);
        double min = options.Notes.MinNoteMs / 1000.0;
        var notes = collector.Notes
            .Select(n => n with { OnsetSeconds = Math.Min(n.OnsetSeconds, duration), OffsetSeconds = Math.Min(n.OffsetSeconds, duration) })
            .Where(n => n.OffsetSeconds - n.OnsetSeconds >= min)
            .OrderBy(n => n.OnsetSeconds).ThenBy(n => n.Pitch).ToList();
        return new TranscriptionResult(notes, [], duration, 0, []);
    }

    private static void Emit(ReadOnlySpan<SegmentEvent> events, double hostPerInternal, INoteEventSink sink)
    {
        foreach (SegmentEvent e in events)
        {
            long source = (long)Math.Round(e.SourceSample * hostPerInternal);
            sink.OnEvent(new NoteEvent(e.Kind, 0, source, source, e.Pitch, e.Velocity, e.Channel, e.BendValue));
        }
    }
}
