using static TorchSharp.torch;

namespace Gtgm.Text.Blip;

/// <summary>Model sizes <c>gtgm captioner init</c> can write.</summary>
public enum BlipSize
{
    /// <summary>Tests and smoke runs (<see cref="BlipConfig.Tiny"/>).</summary>
    Tiny,
    /// <summary>BLIP-base dimensions (<see cref="BlipConfig.Base"/>).</summary>
    Base,
}

public sealed record BlipInitResult(string Folder, long Parameters, int VocabularySize);

/// <summary>
/// Writes a randomly initialised BLIP in the Hugging Face folder layout. No pretrained BLIP weights can be
/// downloaded on every machine, so this gives finetuning a start when none are at hand; with a pretrained
/// folder, finetune that instead.
/// </summary>
public static class BlipInitializer
{
    public static BlipInitResult Write(string folder, BlipSize size, BlipTokenizer tokenizer, int seed = 0)
    {
        if (File.Exists(Path.Combine(folder, BlipModelFolder.WeightsFile)))
            throw UserInputException.ForFile(folder, "already holds a model; choose an empty folder");
        int Id(string token) => tokenizer.IdOf(token) ?? throw new UserInputException($"the vocabulary has no {token} token");
        int bos = Id("[DEC]"), sep = Id("[SEP]"), pad = Id("[PAD]");
        var config = size == BlipSize.Tiny ? BlipConfig.Tiny(tokenizer.Count, bos, sep, pad) : BlipConfig.Base(tokenizer.Count, bos, sep, pad);
        manual_seed(seed);
        using var model = new BlipForConditionalGeneration(config);
        BlipModelFolder.Save(folder, model, tokenizer);
        return new BlipInitResult(Path.GetFullPath(folder), model.parameters().Sum(p => p.numel()), tokenizer.Count);
    }
}
