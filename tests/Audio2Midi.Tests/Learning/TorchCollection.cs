namespace Audio2Midi.Tests.Learning;

/// <summary>
/// Tests that use TorchSharp: its random generator and thread count are process-wide (torch.manual_seed,
/// torch.set_num_threads), so two of them in parallel make each other's runs irreproducible (a resumed run then
/// differs from an unbroken one). They run one after another; other collections still run beside them.
/// </summary>
[CollectionDefinition("Torch")]
public sealed class TorchCollection;
