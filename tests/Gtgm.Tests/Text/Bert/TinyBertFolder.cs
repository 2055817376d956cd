using Gtgm.Platform;
using Gtgm.Text.Bert;
using static TorchSharp.torch;

namespace Gtgm.Tests.Text;

/// <summary>Writes a small random BERT in the Hugging Face folder layout: config.json, model.safetensors, vocab.txt.</summary>
static class TinyBertFolder
{
    public static readonly string[] Words =
    {
        "no", "acute", "intra", "##cranial", "hemorrhage", "evidence", "of", "bleeding", "in", "the", "brain", "a", "3", "cm",
        "hypo", "##dense", "liver", "lesion", "small", "bright", "axial", "mri", "slice", ".", ",", ":",
    };

    public static string[] Vocabulary(int size)
    {
        var vocab = new List<string> { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" };
        vocab.AddRange(Words);
        for (int i = 0; vocab.Count < size; i++) vocab.Add("word" + i);
        return vocab.ToArray();
    }

    /// <summary>A model whose every parameter is random (LayerNorm too, so a mis-loaded one shows).</summary>
    public static BertModel RandomModel(BertConfig config, int seed, bool pooler = false)
    {
        TorchRuntime.Seed(seed);
        var model = new BertModel(config, addPoolingLayer: pooler);
        using (no_grad())
            foreach (var (_, p) in model.named_parameters()) p.copy_(randn(p.shape) * 0.3);
        model.eval();
        return model;
    }

    public static BertModel Write(string dir, BertConfig config, int seed = 11)
    {
        Directory.CreateDirectory(dir);
        var model = RandomModel(config, seed);
        File.WriteAllText(Path.Combine(dir, "config.json"), config.ToJson());
        File.WriteAllLines(Path.Combine(dir, "vocab.txt"), Vocabulary(config.VocabSize));
        BertWeights.SaveSafetensors(model, Path.Combine(dir, BertModelFolder.SafetensorsName));
        return model;
    }
}
