using Microsoft.ML.OnnxRuntime;

namespace Audio2Midi.Models;

/// <summary>
/// An exported onset/frame model run by ONNX Runtime on the CPU: one intra-op thread, no spinning (a plugin shares
/// the machine with a DAW). Streaming models run one frame per <see cref="Step"/> through an I/O binding over
/// buffers allocated here, their states copied from outputs back to inputs; windowed models run a whole block of
/// frames through <see cref="RunFrames"/>. A file that is not a model of ours is an <see cref="InvalidDataException"/>
/// naming it and the problem.
/// </summary>
public sealed class OnnxFrameModel : IFrameModel
{
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly float[] _input;
    private readonly float[] _output;
    private readonly float[][] _stateIn;
    private readonly float[][] _stateOut;
    private readonly long[][] _stateShapes;
    private readonly OrtIoBinding? _binding;
    private readonly List<OrtValue> _values = [];

    public OnnxFrameModel(string path, byte[] model)
    {
        Path = path;
        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        try
        {
            _session = new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{path}: ONNX Runtime cannot load it as a model ({e.Message})", e);
        }
        finally
        {
            options.Dispose();
        }
        try
        {
            IReadOnlyDictionary<string, NodeMetadata> inputs = _session.InputMetadata;
            IReadOnlyDictionary<string, NodeMetadata> outputs = _session.OutputMetadata;
            if (!inputs.TryGetValue(ModelTensorNames.Features, out NodeMetadata? features) || features.Dimensions.Length != 3)
                throw new InvalidDataException($"{path}: no input '{ModelTensorNames.Features}' of rank 3 ([1, frames, bins]); not an Audio2Midi model");
            if (!outputs.TryGetValue(ModelTensorNames.Posteriors, out NodeMetadata? posteriors) || posteriors.Dimensions.Length != 3)
                throw new InvalidDataException($"{path}: no output '{ModelTensorNames.Posteriors}' of rank 3; not an Audio2Midi model");
            InputBins = features.Dimensions[2];
            FixedFrames = features.Dimensions[1] > 0 ? features.Dimensions[1] : null;
            OutputSize = posteriors.Dimensions[2];
            if (InputBins < 1 || OutputSize < 4) throw new InvalidDataException($"{path}: features or posteriors have no fixed width");
            int states = 0;
            while (inputs.ContainsKey(ModelTensorNames.State(states))) states++;
            if (inputs.Count != states + 1) throw new InvalidDataException($"{path}: unexpected inputs ({string.Join(", ", inputs.Keys)})");
            _stateShapes = new long[states][];
            _stateIn = new float[states][];
            _stateOut = new float[states][];
            for (int i = 0; i < states; i++)
            {
                int[] dims = inputs[ModelTensorNames.State(i)].Dimensions;
                if (dims.Any(d => d < 1)) throw new InvalidDataException($"{path}: state {i} has no fixed shape");
                if (!outputs.ContainsKey(ModelTensorNames.StateOutput(i))) throw new InvalidDataException($"{path}: state {i} has no output '{ModelTensorNames.StateOutput(i)}'");
                _stateShapes[i] = dims.Select(d => (long)d).ToArray();
                _stateIn[i] = new float[dims.Aggregate(1, (a, b) => a * b)];
                _stateOut[i] = new float[_stateIn[i].Length];
            }
            _input = new float[InputBins];
            _output = new float[OutputSize];
            if (Streams)
            {
                _binding = _session.CreateIoBinding();
                _binding.BindInput(ModelTensorNames.Features, Track(OrtValue.CreateTensorValueFromMemory(_input, [1, 1, InputBins])));
                _binding.BindOutput(ModelTensorNames.Posteriors, Track(OrtValue.CreateTensorValueFromMemory(_output, [1, 1, OutputSize])));
                for (int i = 0; i < states; i++)
                {
                    _binding.BindInput(ModelTensorNames.State(i), Track(OrtValue.CreateTensorValueFromMemory(_stateIn[i], _stateShapes[i])));
                    _binding.BindOutput(ModelTensorNames.StateOutput(i), Track(OrtValue.CreateTensorValueFromMemory(_stateOut[i], _stateShapes[i])));
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Path { get; }

    public int InputBins { get; }

    /// <summary>The frame count the model takes, when its input has a fixed length (transformer, unet); null when any length goes.</summary>
    public int? FixedFrames { get; }

    public int OutputSize { get; }

    /// <summary>True when the model carries state and can run one frame at a time.</summary>
    public bool Streams => _stateIn.Length > 0;

    public static OnnxFrameModel Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read the model ({e.Message})", e);
        }
        return new OnnxFrameModel(path, bytes);
    }

    public void Step(ReadOnlySpan<float> features, Span<float> posteriors)
    {
        features[..InputBins].CopyTo(_input);
        _session.RunWithBinding(_run, _binding!);
        for (int i = 0; i < _stateIn.Length; i++) _stateOut[i].AsSpan().CopyTo(_stateIn[i]);
        _output.AsSpan().CopyTo(posteriors);
    }

    public void Reset()
    {
        foreach (float[] s in _stateIn) Array.Clear(s);
    }

    /// <summary>
    /// <paramref name="frames"/> frames ([frames x bins]) in one call, from the current state (zero after a reset),
    /// which it then carries on; returns [frames x outputs]. Allocates: for offline use and windowed models.
    /// </summary>
    public float[] RunFrames(ReadOnlySpan<float> features, int frames)
    {
        var inputs = new List<OrtValue>();
        var names = new List<string> { ModelTensorNames.Features };
        try
        {
            inputs.Add(OrtValue.CreateTensorValueFromMemory(features[..(frames * InputBins)].ToArray(), [1, frames, InputBins]));
            for (int i = 0; i < _stateIn.Length; i++)
            {
                names.Add(ModelTensorNames.State(i));
                inputs.Add(OrtValue.CreateTensorValueFromMemory((float[])_stateIn[i].Clone(), _stateShapes[i]));
            }
            var outputNames = new List<string> { ModelTensorNames.Posteriors };
            for (int i = 0; i < _stateIn.Length; i++) outputNames.Add(ModelTensorNames.StateOutput(i));
            using IDisposableReadOnlyCollection<OrtValue> results = _session.Run(_run, names, inputs, outputNames);
            float[] posteriors = results.First().GetTensorDataAsSpan<float>().ToArray();
            int s = 0;
            foreach (OrtValue state in results.Skip(1)) state.GetTensorDataAsSpan<float>().CopyTo(_stateIn[s++]);
            return posteriors;
        }
        finally
        {
            foreach (OrtValue v in inputs) v.Dispose();
        }
    }

    /// <summary>
    /// A run of this (windowed) model over exactly <paramref name="frames"/> frames through an I/O binding over buffers
    /// it allocates once: what the sliding-window runner calls on the audio thread. Dispose it before the model.
    /// </summary>
    public OnnxWindowRun CreateWindowRun(int frames) => new(_session, _run, frames, InputBins, OutputSize);

    public void Dispose()
    {
        _binding?.Dispose();
        foreach (OrtValue v in _values) v.Dispose();
        _values.Clear();
        _run.Dispose();
        _session?.Dispose();
    }

    private OrtValue Track(OrtValue v)
    {
        _values.Add(v);
        return v;
    }
}
