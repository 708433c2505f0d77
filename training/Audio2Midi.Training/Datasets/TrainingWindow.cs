namespace Audio2Midi.Training.Datasets;

/// <summary>
/// One fixed-size training window read from a cache: normalised log-CQT [frames x bins], onset/frame/offset
/// targets [frames x pitches], classes [frames], and the mask of real (1) versus padded (0) frames.
/// </summary>
public sealed class TrainingWindow(int frames, int bins, int pitches)
{
    public string Recording { get; internal set; } = "";
    public int StartFrame { get; internal set; }
    public float[] Features { get; } = new float[frames * bins];
    public byte[] Onset { get; } = new byte[frames * pitches];
    public byte[] Frame { get; } = new byte[frames * pitches];
    public byte[] Offset { get; } = new byte[frames * pitches];
    public short[] Class { get; } = new short[frames];
    public byte[] Mask { get; } = new byte[frames];
}
