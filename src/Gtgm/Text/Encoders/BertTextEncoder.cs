using Gtgm.Platform;
using Gtgm.Text.Bert;
using Gtgm.Text.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Text.Encoders;

/// <summary>
/// A BERT-family sentence encoder in TorchSharp, loaded from a Hugging Face folder (BioBERT
/// <c>dmis-lab/biobert-v1.1</c> as in the paper, PubMedBERT, ClinicalBERT, BERT: all <c>BertModel</c>).
/// WordPiece with truncation to <see cref="BertTextEncoderOptions.MaxLength"/>, padding with an attention
/// mask, then [CLS] or mean pooling of the last hidden states.
/// </summary>
public sealed class BertTextEncoder : ITextEncoder
{
    readonly WordPieceTokenizer tokenizer;
    readonly BertTextEncoderOptions options;
    readonly Device device;

    BertTextEncoder(BertModel model, WordPieceTokenizer tokenizer, BertTextEncoderOptions options, string id)
    {
        Model = model;
        this.tokenizer = tokenizer;
        this.options = options;
        Id = id;
        device = TorchRuntime.ResolveDevice(options.Device);
        Model.to(device);
        Model.eval();
        Freeze(options.FrozenLayers ?? model.Config.NumHiddenLayers);
    }

    /// <summary>Opens a model folder; any missing file, bad config, missing tensor or wrong shape is one <see cref="UserInputException"/>.</summary>
    public static BertTextEncoder Load(string directory, BertTextEncoderOptions? options = null)
    {
        options ??= new BertTextEncoderOptions();
        var folder = BertModelFolder.Open(directory);
        var config = BertConfig.Load(folder.ConfigPath);
        if (options.MaxLength < 2 || options.MaxLength > config.MaxPositionEmbeddings)
            throw new UserInputException($"max length {options.MaxLength} must be 2..{config.MaxPositionEmbeddings} (max_position_embeddings of {folder.ConfigPath})");
        if (options.FrozenLayers is int f && (f < 0 || f > config.NumHiddenLayers))
            throw new UserInputException($"frozen layers {f} must be 0..{config.NumHiddenLayers} (num_hidden_layers of {folder.ConfigPath})");
        var tokenizer = WordPieceTokenizer.Load(folder.VocabPath, folder.Lowercase);
        // The pooler (tanh over [CLS], trained for next-sentence prediction) is not a sentence embedding we use.
        var model = new BertModel(config, addPoolingLayer: false);
        try
        {
            BertWeights.Load(model, folder.WeightsPath, folder.ConfigPath);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        string name = Path.GetFileName(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar));
        string id = $"bert:{name}:sha256={ContentHash.ShortOfFile(folder.WeightsPath)}:{TokenPooling.Name(options.Pooling)}:max{options.MaxLength}"
            + (folder.Lowercase ? ":uncased" : ":cased");
        return new BertTextEncoder(model, tokenizer, options, id);
    }

    /// <summary>The underlying model, for trainers that finetune its unfrozen top layers.</summary>
    public BertModel Model { get; }

    public string Id { get; }
    public int Dimension => Model.Config.HiddenSize;

    public TokenBatch Tokenize(IReadOnlyList<string> texts) => tokenizer.Encode(texts, options.MaxLength);

    /// <summary>(batch, hidden) pooled states with autograd, for training; <see cref="Encode"/> is the frozen path.</summary>
    public Tensor ForwardPooled(TokenBatch batch)
    {
        using var scope = NewDisposeScope();
        var shape = new long[] { batch.Count, batch.Length };
        var mask = tensor(batch.AttentionMask, shape, device: device);
        var hidden = Model.forward(tensor(batch.InputIds, shape, device: device), mask, tensor(batch.TokenTypeIds, shape, device: device));
        Tensor pooled = options.Pooling == PoolingKind.Cls
            ? hidden.select(1, 0)
            : (hidden * mask.unsqueeze(-1).to(hidden.dtype)).sum(1) / mask.sum(1, keepdim: true).to(hidden.dtype).clamp_min(1e-9);
        return pooled.MoveToOuterDisposeScope();
    }

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) return Array.Empty<float[]>();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var pooled = ForwardPooled(Tokenize(texts)).cpu().to(ScalarType.Float32).contiguous();
        var flat = pooled.data<float>().ToArray();
        int dim = Dimension;
        return Enumerable.Range(0, texts.Count).Select(i => flat.AsSpan(i * dim, dim).ToArray()).ToArray();
    }

    void Freeze(int layers)
    {
        foreach (var p in Model.Embeddings.parameters()) p.requires_grad = false;
        for (int i = 0; i < Model.Encoder.Layers.Count; i++)
            foreach (var p in Model.Encoder.Layers[i].parameters()) p.requires_grad = i >= layers;
    }

    public void Dispose() => Model.Dispose();
}
