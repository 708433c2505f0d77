using Audio2Midi.Training.Onnx.Proto;
using Google.Protobuf;
using TorchSharp;

namespace Audio2Midi.Training.Onnx;

/// <summary>
/// Builds an ONNX graph node by node: each method adds one operator and returns the name of its output, so a
/// model's export reads like its forward pass. Weights become initializers stored as raw little-endian bytes.
/// </summary>
public sealed class OnnxGraph
{
    /// <summary>The opset every exported model is written for.</summary>
    public const int Opset = 17;

    /// <summary>IR version 8 is the one that goes with opset 17 (onnx/onnx docs/Versioning.md).</summary>
    public const int IrVersion = 8;

    private readonly GraphProto _graph = new();
    private int _next;

    public OnnxGraph(string name) => _graph.Name = name;

    public void Input(string name, params object[] dims) => _graph.Input.Add(Value(name, dims));

    public void Output(string name, params object[] dims) => _graph.Output.Add(Value(name, dims));

    /// <summary>A float initializer from a tensor (copied to the CPU, contiguous, as float32).</summary>
    public string Weight(string name, torch.Tensor tensor)
    {
        using torch.Tensor t = tensor.detach().cpu().to(torch.float32).contiguous();
        float[] data = t.data<float>().ToArray();
        return Constant(name, data, t.shape);
    }

    public string Constant(string name, float[] data, params long[] dims)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan())) };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public string Int64s(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Int64, RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.Add(values.Length);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds one node; returns its outputs (named after the op unless names are given).</summary>
    public string[] Node(string op, string[] inputs, int outputs = 1, string[]? names = null, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = Unique(op) };
        node.Input.AddRange(inputs);
        for (int i = 0; i < outputs; i++) node.Output.Add(names is not null && i < names.Length && names[i] != "" ? names[i] : Unique(op.ToLowerInvariant() + "_out"));
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return node.Output.ToArray();
    }

    public string Op(string op, params string[] inputs) => Node(op, inputs)[0];

    public string Op(string op, string[] inputs, params AttributeProto[] attributes) => Node(op, inputs, 1, null, attributes)[0];

    /// <summary>x @ W^T + b for a torch Linear's weight [out, in] and bias [out].</summary>
    public string Linear(string x, torch.Tensor weight, torch.Tensor? bias, string name)
    {
        string w = Weight(name + ".weight_t", weight.t());
        string y = Op("MatMul", x, w);
        return bias is null ? y : Op("Add", y, Weight(name + ".bias", bias));
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public static AttributeProto Text(string name, string value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    /// <summary>The model file's bytes: opset 17, our producer name, and the metadata given.</summary>
    public byte[] ToModelBytes(IReadOnlyDictionary<string, string> metadata, string producerVersion)
    {
        var model = new ModelProto { IrVersion = IrVersion, ProducerName = "audio2midi a2m export", ProducerVersion = producerVersion, Graph = _graph, ModelVersion = 1 };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        foreach ((string key, string value) in metadata) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model.ToByteArray();
    }

    private string Unique(string stem) => $"{stem}_{_next++}";

    private static ValueInfoProto Value(string name, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (object d in dims)
            shape.Dim.Add(d is string s ? new TensorShapeProto.Types.Dimension { DimParam = s } : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(d) });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
