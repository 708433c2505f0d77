using Audio2Midi.Pitch;

namespace Audio2Midi.Features;

/// <summary>
/// Parameters of the constant-Q front end. Training and inference must use the same values: they are
/// written next to every dataset and model (<see cref="FeatureParameters"/>).
/// </summary>
/// <remarks>
/// Bin k has centre frequency <c>MinFrequency * 2^(k / BinsPerOctave)</c> and a Hann-windowed kernel of
/// <c>ceil(Q * SampleRate / f_k)</c> samples, <c>Q = FilterScale / (2^(1/BinsPerOctave) - 1)</c>, but never
/// longer than <see cref="MaxKernelSamples"/> (variable-Q at the bottom: a long centred kernel costs half its
/// length in latency, DESIGN.md section 3).
/// </remarks>
public sealed record CqtSettings
{
    /// <summary>Internal sample rate: the input is resampled to it first (the pYIN engine's rate).</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>Samples between frames (160 = 10 ms at 16 kHz).</summary>
    public int HopSamples { get; init; } = 160;

    /// <summary>Centre of bin 0: one bin below MIDI 36, so every semitone from 36 up has a centre bin with a neighbour each side.</summary>
    public double MinFrequency { get; init; } = PitchMath.MidiToHz(36.0 - 1.0 / 3.0);

    public int BinsPerOctave { get; init; } = 36;

    /// <summary>Six octaves: MIDI 35.7 .. 107.3 (about 63 Hz .. 4.1 kHz).</summary>
    public int BinCount { get; init; } = 216;

    /// <summary>Kernel length relative to the constant-Q length (1 = one bin spacing per Hann main-lobe half width).</summary>
    public double FilterScale { get; init; } = 1.0;

    /// <summary>Cap on kernel length; half of the analysis span is the latency the CQT adds.</summary>
    public int MaxKernelSamples { get; init; } = 1024;

    /// <summary>
    /// Energy fraction of each kernel's spectrum that may be dropped when the spectral kernel is made sparse.
    /// At 1e-11 every bin within 40 dB of its frame's peak is within 6e-5 of the exact transform, and every bin
    /// within 1e-6 of the peak (tested against a brute-force CQT); 1e-9 is 1.5x faster but only reaches 1e-3 per bin.
    /// </summary>
    public double KernelTolerance { get; init; } = 1e-11;

    public double Q => FilterScale / (Math.Pow(2.0, 1.0 / BinsPerOctave) - 1.0);

    public double BinFrequency(int bin) => MinFrequency * Math.Pow(2.0, (double)bin / BinsPerOctave);

    /// <summary>MIDI number (fractional) of a bin's centre.</summary>
    public double BinMidi(int bin) => PitchMath.HzToMidi(BinFrequency(bin));

    public int KernelLength(int bin) => Math.Min(MaxKernelSamples, (int)Math.Ceiling(Q * SampleRate / BinFrequency(bin)));

    /// <summary>FFT / analysis span: the smallest power of two that holds the longest kernel.</summary>
    public int FftSize
    {
        get
        {
            int longest = KernelLength(0);
            int size = 2;
            while (size < longest) size <<= 1;
            return size;
        }
    }

    /// <summary>Latency in internal samples: a frame is centred half an analysis span before the newest sample it needs.</summary>
    public int LatencySamples => FftSize / 2;

    public double FramesPerSecond => (double)SampleRate / HopSamples;

    public void Validate()
    {
        if (SampleRate is < 4000 or > 192000) throw new ArgumentOutOfRangeException(nameof(SampleRate), SampleRate, "sample rate must be 4000..192000 Hz");
        if (HopSamples < 1 || HopSamples > SampleRate) throw new ArgumentOutOfRangeException(nameof(HopSamples), HopSamples, "hop must be 1..SampleRate samples");
        if (BinsPerOctave is < 1 or > 96) throw new ArgumentOutOfRangeException(nameof(BinsPerOctave), BinsPerOctave, "bins per octave must be 1..96");
        if (BinCount is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(BinCount), BinCount, "bin count must be 1..1000");
        if (!(MinFrequency > 0)) throw new ArgumentOutOfRangeException(nameof(MinFrequency), MinFrequency, "minimum frequency must be > 0");
        if (!(FilterScale > 0 && FilterScale <= 4)) throw new ArgumentOutOfRangeException(nameof(FilterScale), FilterScale, "filter scale must be in (0, 4]");
        if (MaxKernelSamples is < 16 or > 65536) throw new ArgumentOutOfRangeException(nameof(MaxKernelSamples), MaxKernelSamples, "kernel cap must be 16..65536 samples");
        if (!(KernelTolerance >= 0 && KernelTolerance < 1e-2)) throw new ArgumentOutOfRangeException(nameof(KernelTolerance), KernelTolerance, "kernel tolerance must be in [0, 0.01)");
        double top = BinFrequency(BinCount - 1);
        double halfBandwidth = 2.0 * SampleRate / KernelLength(BinCount - 1);
        if (top + halfBandwidth >= SampleRate / 2.0)
            throw new ArgumentOutOfRangeException(nameof(BinCount), BinCount, $"top bin {top:0} Hz (main lobe to {top + halfBandwidth:0} Hz) does not fit below Nyquist ({SampleRate / 2} Hz)");
    }
}
