using Audio2Midi.Tests.Signals;
using Audio2Midi.Training.Evaluation;
using Audio2Midi.Transcription;
using Xunit.Abstractions;

namespace Audio2Midi.Tests.Engine;

/// <summary>
/// The engine's development benchmark: random synthetic singing scored with the mir_eval metrics.
/// Guards against regressions of live and offline accuracy and prints the figures.
/// </summary>
public class SyntheticSingingAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void LiveAndOfflineAccuracyOnSyntheticSinging()
    {
        double liveF1 = 0, offlineF1 = 0;
        var latencies = new List<double>();
        int takes = 6;
        for (int seed = 1; seed <= takes; seed++)
        {
            var take = SyntheticSinger.Render(seed);
            var reference = take.Notes.Select(n => new ScoredNote(n.Onset, n.Offset, n.Midi)).ToList();
            foreach (bool live in new[] { true, false })
            {
                var result = FileTranscriber.Transcribe(take.Audio, take.Rate, new TranscriptionOptions { Live = live });
                var estimate = result.Notes.Select(n => new ScoredNote(n.OnsetSeconds, n.OffsetSeconds, n.Pitch)).ToList();
                var scores = NoteScorer.Score(reference, estimate);
                output.WriteLine($"seed {seed} {(live ? "live   " : "offline")}: COnP P {scores.COnP.Precision:0.000} R {scores.COnP.Recall:0.000} F1 {scores.COnP.F1:0.000}  COn F1 {scores.COn.F1:0.000}  notes {reference.Count}/{estimate.Count}  latency median {scores.OnsetErrors.MedianMs:0.0} ms");
                if (live) // which notes the live engine misses, and what it played instead
                {
                    var matched = scores.COnPMatches.Select(m => m.ReferenceIndex).ToHashSet();
                    for (int r = 0; r < reference.Count; r++)
                    {
                        if (matched.Contains(r)) continue;
                        var rn = reference[r];
                        bool legato = r > 0 && Math.Abs(reference[r - 1].Offset - rn.Onset) < 1e-9;
                        var near = estimate.Where(e => e.Onset > rn.Onset - 0.1 && e.Onset < rn.Offset).Select(e => $"{(e.Onset - rn.Onset) * 1000:0}ms:{e.MidiPitch}");
                        output.WriteLine($"   miss {(legato ? "legato" : "fresh ")} step {(r > 0 ? rn.MidiPitch - reference[r - 1].MidiPitch : 0):+0;-0} dur {rn.Offset - rn.Onset:0.00} ref {rn.MidiPitch:0.0}: {string.Join(" ", near)}");
                    }
                }
                if (live) { liveF1 += scores.COnP.F1; latencies.AddRange(scores.COnPMatches.Select(m => m.OnsetError * 1000)); }
                else offlineF1 += scores.COnP.F1;
            }
        }
        liveF1 /= takes;
        offlineF1 /= takes;
        latencies.Sort();
        double median = latencies[latencies.Count / 2];
        output.WriteLine($"mean COnP F1: live {liveF1:0.000}, offline {offlineF1:0.000}; live median latency {median:0.0} ms");
        Assert.True(liveF1 >= 0.5, $"live COnP F1 {liveF1:0.000}");
        Assert.True(offlineF1 >= 0.7, $"offline COnP F1 {offlineF1:0.000}");
        Assert.InRange(median, 0, 40);
    }
}
