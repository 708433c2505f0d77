using Audio2Midi.Plugin.Interop;
using Audio2Midi.Plugin.Tests.Host;

namespace Audio2Midi.Plugin.Tests;

/// <summary>Processor and controller state: versioned round trip; corrupt, truncated and foreign blobs rejected.</summary>
[Collection(PluginCollection.Name)]
public sealed class StateTests
{
    private static double Norm(ParameterId id, double plain) => Parameters.All[(int)id].ToNormalized(plain);

    private static byte[] StateWith(Action<Streamer> edit)
    {
        using var p = new PluginInstance();
        p.Start(48000);
        var s = new Streamer(p);
        edit(s);
        return p.GetState();
    }

    [Fact]
    public void StateRoundTripsThroughANewInstance()
    {
        byte[] saved = StateWith(s => s.Block(new float[64], c =>
        {
            c.Add((uint)ParameterId.Transpose, 10, Norm(ParameterId.Transpose, 5));
            c.Add((uint)ParameterId.Channel, 20, Norm(ParameterId.Channel, 3));
            c.Add((uint)ParameterId.Scale, 30, Norm(ParameterId.Scale, 2));
            c.Add((uint)ParameterId.Sensitivity, 40, 0.8);
        }));
        using var fresh = new PluginInstance();
        Assert.NotEqual(saved, fresh.GetState());
        Assert.Equal(Result.Ok, fresh.SetState(saved));
        Assert.Equal(saved, fresh.GetState());
        Assert.Equal(Result.Ok, fresh.SetComponentState(saved));
        Assert.Equal(Norm(ParameterId.Transpose, 5), fresh.GetParamNormalized((uint)ParameterId.Transpose), 12);
        Assert.Equal(Norm(ParameterId.Channel, 3), fresh.GetParamNormalized((uint)ParameterId.Channel), 12);
        Assert.Equal(0.8, fresh.GetParamNormalized((uint)ParameterId.Sensitivity), 12);
        Assert.Equal("+5", fresh.ParamString((uint)ParameterId.Transpose, fresh.GetParamNormalized((uint)ParameterId.Transpose)));

        // The restored settings drive the engine: a tone comes out transposed, on channel 3.
        fresh.Start(48000);
        var s = new Streamer(fresh);
        s.Feed(Signals.Concat(Signals.Tone(60, 0.5, 48000), Signals.Silence(0.3, 48000)), 256);
        PluginEvent on = Assert.Single(s.Events, e => e.IsNoteOn);
        Assert.Equal(65, on.Pitch);
        Assert.Equal(2, on.Channel);
    }

    /// <summary>
    /// A project saved before the Latency parameter (state version 1: 13 parameters, no Latency) loads on
    /// the Instant step, which is what that plugin did: audio undelayed, notes as soon as decided.
    /// </summary>
    [Fact]
    public void AVersion1StateLoadsOnTheInstantStep()
    {
        double[] values = Parameters.DefaultPlainValues();
        values[(int)ParameterId.Transpose] = 3;
        byte[] v2 = PluginState.WriteProcessor(values);
        // Rebuild it as version 1 wrote it: the first 13 entries, version 1, its own checksum.
        int count = (int)ParameterId.Latency;
        var v1 = new byte[PluginState.HeaderSize + count * PluginState.EntrySize + 4];
        v2.AsSpan(0, PluginState.HeaderSize + count * PluginState.EntrySize).CopyTo(v1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(v1.AsSpan(4), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(v1.AsSpan(6), (ushort)count);
        uint h = 2166136261;
        foreach (byte b in v1.AsSpan(0, v1.Length - 4)) h = (h ^ b) * 16777619;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(v1.AsSpan(v1.Length - 4), h);

        using var p = new PluginInstance();
        Assert.Equal(Result.Ok, p.SetState(v1));
        Assert.Equal(Result.Ok, p.SetComponentState(v1));
        Assert.Equal("Instant", p.ParamString((uint)ParameterId.Latency, p.GetParamNormalized((uint)ParameterId.Latency)));
        Assert.Equal("+3", p.ParamString((uint)ParameterId.Transpose, p.GetParamNormalized((uint)ParameterId.Transpose)));
        p.Start(48000);
        Assert.Equal(0u, p.LatencySamples);
        byte[] resaved = p.GetState();
        Assert.Equal(PluginState.Version, System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(resaved.AsSpan(4)));
        Assert.Equal(3, PluginState.Version);
    }

    /// <summary>
    /// "Follow singer's tuning" is Off by default since notes are named by the sung pitch (A440); a project saved while
    /// it was On by default carries its value and keeps it.
    /// </summary>
    [Fact]
    public void AProjectSavedWithFollowTuningOnKeepsIt()
    {
        string Tuning(PluginInstance p) => p.ParamString((uint)ParameterId.AutoTuning, p.GetParamNormalized((uint)ParameterId.AutoTuning));
        using var fresh = new PluginInstance();
        Assert.Equal("Off", Tuning(fresh));
        double[] values = Parameters.DefaultPlainValues();
        values[(int)ParameterId.AutoTuning] = 1;
        byte[] saved = PluginState.WriteProcessor(values);
        Assert.Equal(Result.Ok, fresh.SetState(saved));
        Assert.Equal(Result.Ok, fresh.SetComponentState(saved));
        Assert.Equal("On", Tuning(fresh));
        Assert.Equal(saved, fresh.GetState());
    }

    public static TheoryData<string> CorruptKinds => ["empty", "truncated", "flipped", "foreign", "newer", "nan", "extra-count"];

    [Theory]
    [MemberData(nameof(CorruptKinds))]
    public void CorruptStateIsRejectedAndThePluginRunsOnDefaults(string kind)
    {
        byte[] good = StateWith(s => s.Block(new float[16], c => c.Add((uint)ParameterId.Transpose, 0, Norm(ParameterId.Transpose, 7))));
        byte[] bad = kind switch
        {
            "empty" => [],
            "truncated" => good[..(good.Length - 5)],
            "flipped" => Flip(good, 20),
            "foreign" => "VstW\0\0\0\x08some other plugin's chunk"u8.ToArray(),
            "newer" => WithVersion(good, 99),
            "nan" => WithNaN(good),
            "extra-count" => WithCount(good, 200),
            _ => throw new ArgumentException(kind),
        };
        using var p = new PluginInstance();
        p.Start(48000);
        var s = new Streamer(p);
        s.Block(new float[16], c => c.Add((uint)ParameterId.Transpose, 0, Norm(ParameterId.Transpose, 3)));
        byte[] defaults;
        using (var d = new PluginInstance()) defaults = d.GetState();

        Assert.NotEqual(Result.Ok, p.SetState(bad));
        Assert.NotEqual(Result.Ok, p.SetComponentState(bad));
        s.Feed(Signals.Concat(Signals.Tone(60, 0.5, 48000), Signals.Silence(0.3, 48000)), 128);
        Assert.Equal(defaults, p.GetState());
        PluginEvent on = Assert.Single(s.Events, e => e.IsNoteOn);
        Assert.Equal(60, on.Pitch);
        Assert.Equal(Parameters.All[(int)ParameterId.Transpose].DefaultNormalized, p.GetParamNormalized((uint)ParameterId.Transpose));
        Assert.Equal(0, NativeModule.Instance.CaughtExceptions);
    }

    [Fact]
    public void ControllerStateRoundTripsAndRejectsGarbage()
    {
        using var p = new PluginInstance();
        byte[] state = ControllerState(p, null);
        Assert.Equal("A2MC"u8.ToArray(), state[..4]);
        Assert.Equal(Result.Ok, SetControllerState(p, state));
        Assert.NotEqual(Result.Ok, SetControllerState(p, Flip(state, 5)));
        Assert.NotEqual(Result.Ok, SetControllerState(p, []));
    }

    private static unsafe byte[] ControllerState(PluginInstance p, object? _)
    {
        var s = new HostMemoryStream();
        PluginInstance.Check(((delegate* unmanaged<void*, void*, int>)NativeModule.Slot(p.Controller, 7))(p.Controller, s.Pointer), "getState");
        byte[] data = s.ToArray();
        s.ReleaseReference();
        return data;
    }

    private static unsafe int SetControllerState(PluginInstance p, byte[] blob)
    {
        var s = new HostMemoryStream(blob);
        int r = ((delegate* unmanaged<void*, void*, int>)NativeModule.Slot(p.Controller, 6))(p.Controller, s.Pointer);
        s.ReleaseReference();
        return r;
    }

    private static byte[] Flip(byte[] b, int at)
    {
        byte[] c = [.. b];
        c[at] ^= 0x40;
        return c;
    }

    private static byte[] WithVersion(byte[] b, ushort version)
    {
        byte[] c = [.. b];
        BitConverter.TryWriteBytes(c.AsSpan(4), version);
        return c;
    }

    private static byte[] WithCount(byte[] b, ushort count)
    {
        byte[] c = [.. b];
        BitConverter.TryWriteBytes(c.AsSpan(6), count);
        return c;
    }

    /// <summary>A NaN value with a correct checksum: well-formed but not a value the plugin accepts.</summary>
    private static byte[] WithNaN(byte[] b)
    {
        var values = new double[Parameters.Count];
        values[(int)ParameterId.Sensitivity] = double.NaN;
        return PluginState.WriteProcessor(values);
    }
}
