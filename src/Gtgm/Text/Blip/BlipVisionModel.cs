using TorchSharp;
using TorchSharp.Modules;
using Gtgm.Text.Bert;
using static TorchSharp.torch;

namespace Gtgm.Text.Blip;

// Field names are Hugging Face's state-dict keys (vision_model.embeddings.patch_embedding.weight, ...):
// renaming one breaks loading of real BLIP checkpoints.

/// <summary>[CLS] + non-overlapping patch projections + learned absolute positions: <c>BlipVisionEmbeddings</c>.</summary>
public sealed class BlipVisionEmbeddings : nn.Module
{
    readonly Parameter class_embedding;
    readonly Conv2d patch_embedding;
    readonly Parameter position_embedding;

    public BlipVisionEmbeddings(BlipVisionConfig config) : base(nameof(BlipVisionEmbeddings))
    {
        class_embedding = nn.Parameter(randn(new long[] { 1, 1, config.HiddenSize }));
        patch_embedding = nn.Conv2d(3, config.HiddenSize, config.PatchSize, stride: config.PatchSize);
        position_embedding = nn.Parameter(randn(new long[] { 1, config.NumPositions, config.HiddenSize }));
        RegisterComponents();
    }

    /// <param name="pixels">(batch, 3, image size, image size), normalised.</param>
    /// <returns>(batch, 1 + patches, hidden).</returns>
    public Tensor forward(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var patches = patch_embedding.call(pixels).flatten(2).transpose(1, 2);
        var cls = class_embedding.expand(pixels.shape[0], 1, -1);
        var x = cat(new[] { cls, patches }, 1);
        return (x + position_embedding.narrow(1, 0, x.shape[1])).MoveToOuterDisposeScope();
    }
}

/// <summary>Multi-head self-attention with one fused qkv projection: <c>BlipAttention</c>.</summary>
public sealed class BlipAttention : nn.Module
{
    readonly Linear qkv;
    readonly Linear projection;
    readonly int heads;
    readonly double dropout;

    public BlipAttention(BlipVisionConfig config) : base(nameof(BlipAttention))
    {
        heads = config.NumAttentionHeads;
        dropout = config.AttentionDropout;
        qkv = nn.Linear(config.HiddenSize, 3 * config.HiddenSize);
        projection = nn.Linear(config.HiddenSize, config.HiddenSize);
        RegisterComponents();
    }

    public Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], n = x.shape[1], d = x.shape[2], hd = d / heads;
        var parts = qkv.call(x).reshape(b, n, 3, heads, hd).permute(2, 0, 3, 1, 4);
        var (q, k, v) = (parts[0], parts[1], parts[2]);
        var probs = nn.functional.dropout((matmul(q, k.transpose(-1, -2)) * Math.Pow(hd, -0.5)).softmax(-1), dropout, training);
        var context = matmul(probs, v).permute(0, 2, 1, 3).reshape(b, n, d);
        return projection.call(context).MoveToOuterDisposeScope();
    }
}

/// <summary>fc1 → activation → fc2: <c>BlipMLP</c>.</summary>
public sealed class BlipMlp : nn.Module
{
    readonly Linear fc1;
    readonly Linear fc2;
    readonly Func<Tensor, Tensor> activation;

    public BlipMlp(BlipVisionConfig config) : base(nameof(BlipMlp))
    {
        fc1 = nn.Linear(config.HiddenSize, config.IntermediateSize);
        fc2 = nn.Linear(config.IntermediateSize, config.HiddenSize);
        activation = BertActivation.Resolve(config.HiddenAct);
        RegisterComponents();
    }

    public Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return fc2.call(activation(fc1.call(x))).MoveToOuterDisposeScope();
    }
}

/// <summary>Pre-norm transformer layer: x + attn(LN1 x), then + mlp(LN2 ·): <c>BlipEncoderLayer</c>.</summary>
public sealed class BlipEncoderLayer : nn.Module
{
    readonly BlipAttention self_attn;
    readonly LayerNorm layer_norm1;
    readonly BlipMlp mlp;
    readonly LayerNorm layer_norm2;

    public BlipEncoderLayer(BlipVisionConfig config) : base(nameof(BlipEncoderLayer))
    {
        self_attn = new BlipAttention(config);
        layer_norm1 = nn.LayerNorm(config.HiddenSize, eps: config.LayerNormEps);
        mlp = new BlipMlp(config);
        layer_norm2 = nn.LayerNorm(config.HiddenSize, eps: config.LayerNormEps);
        RegisterComponents();
    }

    public Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x + self_attn.forward(layer_norm1.call(x));
        return (h + mlp.forward(layer_norm2.call(h))).MoveToOuterDisposeScope();
    }
}

/// <summary>The layer stack, keys <c>layers.N</c>: <c>BlipEncoder</c>.</summary>
public sealed class BlipEncoder : nn.Module
{
    readonly ModuleList<BlipEncoderLayer> layers;

    public BlipEncoder(BlipVisionConfig config) : base(nameof(BlipEncoder))
    {
        layers = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new BlipEncoderLayer(config)).ToArray());
        RegisterComponents();
    }

    public Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        foreach (var layer in layers) x = layer.forward(x);
        return x.MoveToOuterDisposeScope();
    }
}

/// <summary>The ViT image encoder: embeddings → encoder → post_layernorm, <c>BlipVisionModel</c>.</summary>
public sealed class BlipVisionModel : nn.Module
{
    readonly BlipVisionEmbeddings embeddings;
    readonly BlipEncoder encoder;
    readonly LayerNorm post_layernorm;

    public BlipVisionModel(BlipVisionConfig config) : base(nameof(BlipVisionModel))
    {
        embeddings = new BlipVisionEmbeddings(config);
        encoder = new BlipEncoder(config);
        post_layernorm = nn.LayerNorm(config.HiddenSize, eps: config.LayerNormEps);
        RegisterComponents();
    }

    /// <returns>(batch, 1 + patches, hidden): the image embeddings the text decoder attends to.</returns>
    public Tensor forward(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        return post_layernorm.call(encoder.forward(embeddings.forward(pixels))).MoveToOuterDisposeScope();
    }
}
