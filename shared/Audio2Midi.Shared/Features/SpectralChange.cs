namespace Audio2Midi.Features;

/// <summary>
/// How the sound changes from one 5 ms frame to the next, with no absolute pitch in it: the f0 note model's cues for
/// a new vowel, a consonant that keeps the voice going, a breath (none of which need move f0 or level). Each frame a
/// 256-sample Hann-windowed FFT over the newest samples (16 ms at 16 kHz, the YIN window's span and centre), its power
/// summed into <see cref="Bands"/> log-spaced bands from 300 Hz to 8 kHz, in dB against the take's running peak. Out:
/// positive flux (the mean rise of the bands over 10 ms), envelope change (the RMS change over 30 ms of the band shape,
/// each band minus the mean of the bands, so level is taken out) and the high bands' share (centres from 4 kHz:
/// fricatives and breath). Bands are wide (a third of an octave), so a sung note moves harmonics within them and the
/// numbers say how the sound changes, not which note it is.
/// </summary>
/// <remarks>Real time: every buffer is allocated in the constructor; <see cref="Step"/> never allocates or throws.</remarks>
public sealed class SpectralChange
{
    public const int Width = 3;
    public const int WindowSamples = 256;
    public const int Bands = 12;

    private const double SampleRate = 16000;
    private const double LowHz = 300, HighHz = 8000, HighShareFromHz = 4000;
    private const int FluxFrames = 2;     // 10 ms
    private const int ShapeFrames = 6;    // 30 ms
    private const int History = ShapeFrames + 1;
    private const double RangeDb = 50;                        // bands more than this below the running peak read as the floor
    private const double PeakDecayDbPerFrame = 6.0 / 200;     // the peak falls 6 dB a second, as the level feature's
    private const double SilenceDb = -90;

    private readonly RealFft _fft = new(WindowSamples);
    private readonly float[] _window = new float[WindowSamples];
    private readonly float[] _windowed = new float[WindowSamples];
    private readonly float[] _re = new float[WindowSamples / 2 + 1];
    private readonly float[] _im = new float[WindowSamples / 2 + 1];
    private readonly int[] _bandOfBin = new int[WindowSamples / 2 + 1];   // -1 outside 300 Hz..8 kHz
    private readonly bool[] _highBand = new bool[Bands];
    private readonly double[] _power = new double[Bands];
    private readonly double[][] _db = new double[History][];           // ring of the bands in dB, floored against the peak
    private readonly double _scale;
    private long _frames;
    private double _peakDb = SilenceDb;

    public SpectralChange()
    {
        double energy = 0;
        for (int i = 0; i < WindowSamples; i++)
        {
            _window[i] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * (i + 0.5) / WindowSamples));
            energy += _window[i] * _window[i];
        }
        _scale = 2.0 / (WindowSamples * energy);   // a band's power as a mean square: a full-scale sine reads about 0.5 (-3 dB)
        double ratio = Math.Pow(HighHz / LowHz, 1.0 / Bands);
        for (int k = 0; k < _bandOfBin.Length; k++)
        {
            double hz = k * SampleRate / WindowSamples;
            _bandOfBin[k] = hz < LowHz || hz > HighHz ? -1 : Math.Min(Bands - 1, (int)Math.Floor(Math.Log(hz / LowHz) / Math.Log(ratio)));
        }
        for (int b = 0; b < Bands; b++) _highBand[b] = LowHz * Math.Pow(ratio, b + 0.5) >= HighShareFromHz;
        for (int h = 0; h < History; h++) _db[h] = new double[Bands];
        Reset();
    }

    public void Reset()
    {
        foreach (double[] row in _db) Array.Fill(row, SilenceDb);
        _frames = 0;
        _peakDb = SilenceDb;
    }

    /// <summary>The next frame's <see cref="Width"/> numbers from the newest <see cref="WindowSamples"/> samples (fewer: zeros before them).</summary>
    public void Step(ReadOnlySpan<float> newest, Span<float> features)
    {
        int pad = WindowSamples - Math.Min(newest.Length, WindowSamples);
        for (int i = 0; i < WindowSamples; i++)
        {
            float s = i < pad ? 0 : newest[newest.Length - WindowSamples + i];
            _windowed[i] = float.IsFinite(s) ? s * _window[i] : 0;
        }
        _fft.Forward(_windowed, _re, _im);
        Array.Clear(_power);
        for (int k = 0; k < _bandOfBin.Length; k++)
        {
            int b = _bandOfBin[k];
            if (b >= 0) _power[b] += (double)_re[k] * _re[k] + (double)_im[k] * _im[k];
        }
        double total = 0;
        for (int b = 0; b < Bands; b++) total += _power[b] * _scale;
        _peakDb = Math.Max(ToDb(total), _peakDb - PeakDecayDbPerFrame);
        double floor = Math.Max(SilenceDb, _peakDb - RangeDb);

        double[] now = _db[_frames % History];
        for (int b = 0; b < Bands; b++) now[b] = Math.Max(floor, ToDb(_power[b] * _scale));
        double[] flux = Back(FluxFrames), shape = Back(ShapeFrames);
        _frames++;

        double rise = 0, meanNow = 0, meanShape = 0, high = 0, all = 0;
        for (int b = 0; b < Bands; b++)
        {
            rise += Math.Max(0, now[b] - Math.Max(floor, flux[b]));
            meanNow += now[b];
            meanShape += Math.Max(floor, shape[b]);
            double linear = Math.Pow(10, now[b] / 10);
            all += linear;
            if (_highBand[b]) high += linear;
        }
        meanNow /= Bands;
        meanShape /= Bands;
        double change = 0;
        for (int b = 0; b < Bands; b++)
        {
            double d = now[b] - meanNow - (Math.Max(floor, shape[b]) - meanShape);
            change += d * d;
        }
        features[0] = (float)Math.Clamp(rise / Bands / 6, 0, 3);
        features[1] = (float)Math.Clamp(Math.Sqrt(change / Bands) / 10, 0, 3);
        features[2] = (float)Math.Clamp(10 * Math.Log10(high / all) / 20, -3, 0.5);
    }

    /// <summary>The bands <paramref name="frames"/> frames before the one being written (silence before the stream began).</summary>
    private double[] Back(int frames) => _db[(int)(((_frames - frames) % History + History) % History)];

    private static double ToDb(double power) => power > 1e-12 ? 10 * Math.Log10(power) : -120;
}
