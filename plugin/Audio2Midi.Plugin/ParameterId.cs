namespace Audio2Midi.Plugin;

/// <summary>Parameter ids. They are saved in projects and automation: never renumber, only add.</summary>
internal enum ParameterId : uint
{
    Engine = 0,
    Sensitivity = 1,
    MinNoteLength = 2,
    Transpose = 3,
    Channel = 4,
    VelocityMode = 5,
    FixedVelocity = 6,
    PitchBend = 7,
    PitchBendRange = 8,
    Scale = 9,
    Key = 10,
    AutoTuning = 11,
    Bypass = 12,
    Latency = 13,
    Status = 14,
}
