using Audio2Midi.Plugin.Interop;

namespace Audio2Midi.Plugin.Tests.Host;

/// <summary>An event the plugin emitted, with its absolute position in the stream.</summary>
internal readonly record struct PluginEvent(long Position, int Block, int Offset, ushort Type, int Channel, int Pitch, int Velocity, int Bend)
{
    public bool IsNoteOn => Type == Vst.EventNoteOn;
    public bool IsNoteOff => Type == Vst.EventNoteOff;
}

/// <summary>Streams mono audio through a <see cref="PluginInstance"/> in host-sized blocks and collects the events.</summary>
internal sealed class Streamer(PluginInstance plugin)
{
    private readonly HostEventRecorder _events = new();
    private readonly HostParameterChangeList _changes = new();

    public List<PluginEvent> Events { get; } = [];

    /// <summary>When set, each block carries a process context with this state (transport flags).</summary>
    public uint? TransportState { get; set; }

    public long Position { get; private set; }

    /// <summary>
    /// When set, blocks are fed no faster than this many times real time at <see cref="PacedRate"/> (a windowed model's
    /// worker thread needs wall-clock time to keep up, as it has in a DAW); null feeds as fast as possible.
    /// </summary>
    public double? Speed { get; set; }

    public double PacedRate { get; set; } = 48000;

    private readonly System.Diagnostics.Stopwatch _clock = new();

    public int Blocks { get; private set; }

    /// <summary>Called before each block with (block index, block start position, frames, changes to fill).</summary>
    public Action<int, long, int, HostParameterChangeList>? BeforeBlock { get; set; }

    /// <summary>Called after each block with (block start position, frames, output channel 0).</summary>
    public Action<long, int, float[]>? AfterBlock { get; set; }

    public void Feed(ReadOnlySpan<float> mono, int blockSize)
    {
        for (int done = 0; done < mono.Length; done += blockSize)
            Block(mono.Slice(done, Math.Min(blockSize, mono.Length - done)));
    }

    /// <summary>
    /// Feeds <paramref name="chunk"/> again and again until <paramref name="done"/> holds or a minute has passed (a wait on
    /// a condition, not a timing: a model preset loads on another thread, slowly where the machine is busy); returns
    /// whether it holds.
    /// </summary>
    public bool FeedUntil(Func<bool> done, ReadOnlySpan<float> chunk, int blockSize, double seconds = 60)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!done() && clock.Elapsed.TotalSeconds < seconds) Feed(chunk, blockSize);
        return done();
    }

    /// <summary>One process call with these samples on every input channel.</summary>
    public unsafe void Block(ReadOnlySpan<float> samples, Action<HostParameterChangeList>? changes = null)
    {
        int frames = samples.Length;
        if (Speed is double speed)
        {
            if (!_clock.IsRunning) _clock.Start();
            while (_clock.Elapsed.TotalSeconds < Position / PacedRate / speed) Thread.Sleep(1);
        }
        for (int c = 0; c < plugin.Channels; c++) samples.CopyTo(plugin.Input(c));
        _changes.Clear();
        changes?.Invoke(_changes);
        BeforeBlock?.Invoke(Blocks, Position, frames, _changes);
        _events.Clear();
        var context = new ProcessContext { State = TransportState ?? 0, SampleRate = 48000, ProjectTimeSamples = Position };
        PluginInstance.Check(plugin.Process(frames, _changes, _events, TransportState is null ? null : &context), "process");
        foreach (Event e in _events.Events)
        {
            Assert.InRange(e.SampleOffset, 0, Math.Max(0, frames - 1));
            Events.Add(Convert(e, Position, Blocks));
        }
        if (AfterBlock is not null) AfterBlock(Position, frames, plugin.Output(0).Slice(0, frames).ToArray());
        Position += frames;
        Blocks++;
    }

    /// <summary>
    /// A 0-frame block that switches bypass on, then a short block of silence: the plugin holds what an empty block
    /// ends and sends it at offset 0 of the next block with samples, so this ends whatever sounds.
    /// </summary>
    public void BypassOn()
    {
        Block([], c => c.Add((uint)ParameterId.Bypass, 0, 1.0));
        Block(new float[16]);
    }

    public static PluginEvent Convert(in Event e, long blockStart, int block) => e.Type switch
    {
        Vst.EventNoteOn => new(blockStart + e.SampleOffset, block, e.SampleOffset, e.Type, e.NoteOn.Channel, e.NoteOn.Pitch, (int)Math.Round(e.NoteOn.Velocity * 127), 0),
        Vst.EventNoteOff => new(blockStart + e.SampleOffset, block, e.SampleOffset, e.Type, e.NoteOff.Channel, e.NoteOff.Pitch, 0, 0),
        _ => new(blockStart + e.SampleOffset, block, e.SampleOffset, e.Type, e.MidiCCOut.Channel, 0, 0, ((byte)e.MidiCCOut.Value | ((byte)e.MidiCCOut.Value2 << 7)) - 8192),
    };

    /// <summary>Every NoteOn is followed by exactly one NoteOff of the same channel and pitch, and no NoteOff is unmatched.</summary>
    public static void AssertBalanced(IEnumerable<PluginEvent> events)
    {
        var sounding = new HashSet<(int, int)>();
        foreach (PluginEvent e in events)
        {
            if (e.IsNoteOn) Assert.True(sounding.Add((e.Channel, e.Pitch)), $"NoteOn {e.Pitch} ch {e.Channel} at {e.Position} while already sounding");
            else if (e.IsNoteOff) Assert.True(sounding.Remove((e.Channel, e.Pitch)), $"NoteOff {e.Pitch} ch {e.Channel} at {e.Position} without NoteOn");
        }
        Assert.Empty(sounding);
    }
}
