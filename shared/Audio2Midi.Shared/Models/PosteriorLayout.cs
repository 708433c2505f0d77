namespace Audio2Midi.Models;

/// <summary>
/// Where each head sits in a model's per-frame output vector, for the P pitches MinPitch..MinPitch+P-1:
/// onset (a note starts in this frame, any pitch), offset (a note ends), then the probability of each pitch
/// sounding, then voicing (1 - silence). Singing is one voice: which pitch sounds is one choice among P + 1,
/// and whether a note starts does not need a pitch of its own. Training writes it, the note decoder reads it.
/// </summary>
public readonly record struct PosteriorLayout(int MinPitch, int Pitches)
{
    public int Onset => 0;
    public int Offset => 1;
    public int Frame => 2;
    public int Voicing => 2 + Pitches;
    public int Size => Pitches + 3;
}
