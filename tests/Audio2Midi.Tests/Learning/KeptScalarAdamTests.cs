using Audio2Midi.Training.Learning;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Audio2Midi.Tests.Learning;

/// <summary>
/// <see cref="KeptScalarAdam"/> makes TorchSharp's Adam updates exactly, keeps Adam's state format (a resumed run
/// reads it), and survives garbage collections during its native calls.
/// </summary>
[Collection("Torch")]
public sealed class KeptScalarAdamTests
{
    private static Linear Network(int seed, int inputs = 6, int outputs = 3)
    {
        torch.manual_seed(seed);
        return nn.Linear(inputs, outputs);
    }

    /// <summary>One step on a fixed random batch of <paramref name="step"/>: a loss whose gradient differs each step.</summary>
    private static void Step(Linear network, optim.Optimizer optimizer, int step)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator((ulong)(1000 + step));   // held to the end: it too is freed by its finalizer
        Tensor x = torch.randn([8, network.in_features], generator: generator), y = torch.randn([8, network.out_features], generator: generator);
        Tensor loss = nn.functional.mse_loss(network.forward(x), y);   // no Scalar argument (x - y has a temporary alpha): the optimizer's are the ones under test
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
    }

    private static float[] Weights(Linear network) => network.parameters().SelectMany(p => p.detach().cpu().data<float>().ToArray()).ToArray();

    [Fact]
    public void UpdatesLikeTorchSharpsAdamThroughALearningRateChange()
    {
        using Linear ours = Network(3), theirs = Network(3);
        using var keptAdam = new KeptScalarAdam(ours.parameters(), 0.01);
        using var adam = optim.Adam(theirs.parameters(), 0.01);
        float[] start = Weights(ours);
        for (int step = 1; step <= 40; step++)
        {
            if (step == 21)   // as Trainer cuts the learning rate on a plateau
            {
                foreach (var g in keptAdam.ParamGroups) g.LearningRate = 0.003;
                foreach (var g in adam.ParamGroups) g.LearningRate = 0.003;
            }
            Step(ours, keptAdam, step);
            Step(theirs, adam, step);
        }
        float[] a = Weights(ours), b = Weights(theirs);
        Assert.True(a.Zip(start).Max(p => Math.Abs(p.First - p.Second)) > 0.05, "the weights did not move");
        double worst = a.Zip(b).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst < 1e-6, $"KeptScalarAdam's weights differ from Adam's by {worst}");
    }

    [Fact]
    public void ItsSavedStateResumesTheSameRun()
    {
        string file = Path.Combine(Path.GetTempPath(), $"a2m-adam-{Guid.NewGuid():N}.bin");
        try
        {
            using Linear unbroken = Network(4), resumed = Network(4);
            using var whole = new KeptScalarAdam(unbroken.parameters(), 0.01);
            for (int step = 1; step <= 30; step++) Step(unbroken, whole, step);

            using (var first = new KeptScalarAdam(resumed.parameters(), 0.01))
            {
                for (int step = 1; step <= 15; step++) Step(resumed, first, step);
                first.save_state_dict(file);
            }
            using var second = new KeptScalarAdam(resumed.parameters(), 0.01);
            second.load_state_dict(file);
            for (int step = 16; step <= 30; step++) Step(resumed, second, step);

            double worst = Weights(unbroken).Zip(Weights(resumed)).Max(p => Math.Abs(p.First - p.Second));
            Assert.True(worst < 1e-6, $"the resumed run differs from the unbroken one by {worst}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Steps while another thread collects garbage and runs finalizers without pause: a Scalar freed during a native
    /// call makes libtorch throw or the weights go wrong. With TorchSharp's own Adam in its place this fails within
    /// the first hundred steps on the test machine ("Expected false to be true" from Scalar::toFloat); the layer is
    /// large enough that each native call lasts long enough for a collection to land in it.
    /// </summary>
    [Fact]
    public void StepsThroughGarbageCollections()
    {
        using Linear network = Network(5, 600, 900), reference = Network(5, 600, 900);
        using var optimizer = new KeptScalarAdam(network.parameters(), 0.01);
        using var quiet = new KeptScalarAdam(reference.parameters(), 0.01);   // TorchSharp's Adam could itself fail here
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }) { IsBackground = true };
        collector.Start();
        try
        {
            for (int step = 1; step <= 200; step++) Step(network, optimizer, step);
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }
        for (int step = 1; step <= 200; step++) Step(reference, quiet, step);
        double worst = Weights(network).Zip(Weights(reference)).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst < 1e-6, $"the steps taken during collections differ from quiet ones by {worst}");
    }
}
