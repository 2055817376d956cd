using System.Text.Json.Nodes;
using Gtgm.IO;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Gtgm.Text.Blip;

/// <summary>
/// A BLIP captioning model in Hugging Face's folder layout: <c>config.json</c>, <c>model.safetensors</c>
/// (or <c>pytorch_model.bin</c>; transformers' parameter names; extra tensors are ignored, as transformers does) and <c>vocab.txt</c> or <c>tokenizer.json</c>. A folder downloaded from the
/// hub (e.g. <c>Salesforce/blip-image-captioning-base</c>) or written by <see cref="Save"/> loads here, and a
/// folder written here loads in transformers (<c>preprocessor_config.json</c> and <c>tokenizer_config.json</c>
/// are written too, for <c>BlipProcessor</c>).
/// </summary>
public static class BlipModelFolder
{
    public const string WeightsFile = "model.safetensors";
    /// <summary>The older pickled weights file; read when there is no <see cref="WeightsFile"/>.</summary>
    public const string PickledWeightsFile = "pytorch_model.bin";

    /// <summary>
    /// Loads a folder. Everything wrong with it (missing files, missing tensors, wrong shapes)
    /// is reported in one <see cref="UserInputException"/>.
    /// </summary>
    public static BlipCheckpoint Load(string folder)
    {
        if (!Directory.Exists(folder)) throw UserInputException.ForFile(folder, "model folder not found");
        var missingFiles = new List<string>();
        string configPath = Path.Combine(folder, BlipConfig.FileName), weightsPath = Path.Combine(folder, WeightsFile);
        if (!File.Exists(weightsPath) && File.Exists(Path.Combine(folder, PickledWeightsFile))) weightsPath = Path.Combine(folder, PickledWeightsFile);
        if (!File.Exists(configPath)) missingFiles.Add(BlipConfig.FileName);
        if (!File.Exists(weightsPath)) missingFiles.Add($"{WeightsFile} (or {PickledWeightsFile})");
        if (!File.Exists(Path.Combine(folder, BlipTokenizer.VocabFile)) && !File.Exists(Path.Combine(folder, BlipTokenizer.TokenizerJsonFile)))
            missingFiles.Add($"{BlipTokenizer.VocabFile} (or {BlipTokenizer.TokenizerJsonFile})");
        if (missingFiles.Count > 0)
            throw UserInputException.ForFile(folder, "not a BLIP model folder: missing " + string.Join(", ", missingFiles));

        var config = BlipConfig.Load(configPath);
        var tokenizer = BlipTokenizer.Load(folder);
        if (tokenizer.Count > config.Text.VocabSize)
            throw UserInputException.ForFile(folder, $"the tokenizer has {tokenizer.Count} tokens but text_config.vocab_size is {config.Text.VocabSize}");

        var model = new BlipForConditionalGeneration(config);
        try
        {
            LoadWeights(model, weightsPath);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        model.eval();
        return new BlipCheckpoint(config, model, tokenizer);
    }

    static void LoadWeights(BlipForConditionalGeneration model, string path)
    {
        var stored = StateDictFile.Read(path);
        try
        {
            AcceptAliases(stored);
            StateDictFile.CopyInto(model, stored, path, BlipConfig.FileName);
        }
        finally
        {
            foreach (var t in stored.Values) t.Dispose();
        }
    }

    // transformers ties decoder.bias to cls.predictions.bias and may store it under either name, and ties the
    // output projection to the word embeddings when a checkpoint leaves it out.
    static void AcceptAliases(Dictionary<string, Tensor> stored)
    {
        const string bias = "text_decoder.cls.predictions.bias", decoderBias = "text_decoder.cls.predictions.decoder.bias";
        const string decoderWeight = "text_decoder.cls.predictions.decoder.weight", words = "text_decoder.bert.embeddings.word_embeddings.weight";
        if (stored.Remove(decoderBias, out var b)) { if (!stored.TryAdd(bias, b)) b.Dispose(); }
        if (!stored.ContainsKey(decoderWeight) && stored.TryGetValue(words, out var w)) stored[decoderWeight] = w.clone();
    }

    /// <summary>Writes config.json, model.safetensors (float32), vocab.txt and the processor/tokenizer configs.</summary>
    public static void Save(string folder, BlipForConditionalGeneration model, BlipTokenizer tokenizer)
    {
        Directory.CreateDirectory(folder);
        var config = model.Config;
        AtomicFile.WriteAllText(Path.Combine(folder, BlipConfig.FileName), config.ToJson());
        var state = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().cpu().contiguous());
        try
        {
            AtomicFile.Write(Path.Combine(folder, WeightsFile), s => Safetensors.SaveStateDict(s, state, leaveOpen: true));
        }
        finally
        {
            foreach (var t in state.Values) t.Dispose();
        }
        tokenizer.Save(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, "preprocessor_config.json"), new JsonObject
        {
            ["image_processor_type"] = "BlipImageProcessor",
            ["processor_class"] = "BlipProcessor",
            ["do_resize"] = true,
            ["size"] = new JsonObject { ["height"] = config.Vision.ImageSize, ["width"] = config.Vision.ImageSize },
            ["do_normalize"] = true,
            ["image_mean"] = new JsonArray(BlipImageProcessor.ClipMean.Select(v => (JsonNode)v).ToArray()),
            ["image_std"] = new JsonArray(BlipImageProcessor.ClipStd.Select(v => (JsonNode)v).ToArray()),
            ["do_rescale"] = true,
            ["rescale_factor"] = 1 / 255.0,
            ["do_convert_rgb"] = true,
        }.ToJsonString());
        AtomicFile.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), new JsonObject
        {
            ["tokenizer_class"] = "BertTokenizer",
            ["processor_class"] = "BlipProcessor",
            ["do_lower_case"] = true,
            ["model_max_length"] = 512,
        }.ToJsonString());
    }
}

/// <summary>A loaded BLIP model with its configuration and tokenizer.</summary>
public sealed class BlipCheckpoint(BlipConfig config, BlipForConditionalGeneration model, BlipTokenizer tokenizer) : IDisposable
{
    public BlipConfig Config { get; } = config;
    public BlipForConditionalGeneration Model { get; } = model;
    public BlipTokenizer Tokenizer { get; } = tokenizer;

    public void Dispose() => Model.Dispose();
}
