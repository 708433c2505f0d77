using Audio2Midi.Plugin.Tests.Host;

namespace Audio2Midi.Plugin.Tests;

/// <summary>
/// The random-abuse host (<see cref="AbuseHost"/>) through the native bundle: a few seconds per seed here; the
/// measured command runs it longer (`dotnet run -c Release --project tests/Audio2Midi.PluginSoak -- abuse`).
/// </summary>
[Collection(PluginCollection.Name)]
public sealed class AbuseTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomHostCallsBreakNoInvariant(int seed)
    {
        string? broken = AbuseHost.Run(seed, 1500, out AbuseHost host);
        Assert.Null(broken);
        Assert.True(host.Blocks > 1000 && host.NoteOns > 0, $"{host.Blocks} blocks, {host.NoteOns} NoteOns: the run did not exercise the engine");
    }
}
