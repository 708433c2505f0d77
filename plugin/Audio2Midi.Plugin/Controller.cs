namespace Audio2Midi.Plugin;

/// <summary>
/// The edit-controller side, free of any ABI: what a host's generic editor shows (parameters with
/// units and value strings), the program list behind the Engine parameter, and controller state.
/// It mirrors the processor's values through the processor's state (setComponentState).
/// </summary>
internal sealed partial class Controller
{
    private readonly double[] _normalized = new double[Parameters.Count];

    public Controller()
    {
        for (int i = 0; i < _normalized.Length; i++) _normalized[i] = Parameters.All[i].DefaultNormalized;
    }
}
