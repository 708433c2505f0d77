using System.Runtime.CompilerServices;

namespace Audio2Midi.Training.Learning;

/// <summary>
/// Makes libtorch's MKL give the same bits for the same numbers wherever they lie in memory (<c>MKL_CBWR=AUTO,STRICT</c>:
/// the fastest code path for this CPU, independent of data alignment), unless the user chose otherwise. Without it,
/// MKL's matrix products (every Linear layer, the GRU's input and state products) change in the last bits with the
/// alignment of their buffers, so two trainings with the same seeds drifted apart whenever the heap was laid out
/// differently (measured 2026-12-05: a tiny train-f0 gave 4 different networks in 5 runs when its data loaded on two
/// threads, and another network under <c>MALLOC_PERTURB_=165</c>; with this, one network every time, about 5 % slower;
/// <c>COMPATIBLE</c> was 45 % slower). MKL reads the variable when it first runs, so it is set when this assembly loads.
/// </summary>
public static class MklReproducibility
{
    public const string Variable = "MKL_CBWR";
    public const string Mode = "AUTO,STRICT";

#pragma warning disable CA2255 // a module initializer in a library: the mode must be in place before any caller's first network runs
    [ModuleInitializer]
#pragma warning restore CA2255
    public static void Apply() => NativeEnvironment.SetIfUnset(Variable, Mode);
}
