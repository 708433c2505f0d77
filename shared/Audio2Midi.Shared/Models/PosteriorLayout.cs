namespace Audio2Midi.Models;

/// <summary>
/// Where each head sits in a model's per-frame output vector: onset[P], frame[P], offset[P], then voicing,
/// for the P pitches MinPitch..MinPitch+P-1. Training writes it, the note decoder reads it.
/// </summary>
public readonly record struct PosteriorLayout(int MinPitch, int Pitches)
{
    public int Onset => 0;
    public int Frame => Pitches;
    public int Offset => 2 * Pitches;
    public int Voicing => 3 * Pitches;
    public int Size => 3 * Pitches + 1;
}
