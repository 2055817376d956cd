using Gtgm.Text.Captioners;
using Gtgm.Text.Slicing;

namespace Gtgm.Text.Blip;

/// <summary>
/// Captions slices with a BLIP model folder (<see cref="BlipModelFolder"/>): a pretrained or finetuned
/// <c>BlipForConditionalGeneration</c>. Deterministic (greedy or beam search), so the random source is unused.
/// </summary>
public sealed class BlipCaptioner : ICaptioner
{
    const int BatchSize = 16;
    readonly BlipCheckpoint checkpoint;
    readonly BlipDecoder decoder;
    readonly BlipImageProcessor processor;
    readonly BlipDecodingOptions options;

    public BlipCaptioner(string folder, BlipDecodingOptions? options = null)
    {
        this.options = options ?? new BlipDecodingOptions();
        this.options.Validate();
        checkpoint = BlipModelFolder.Load(folder);
        decoder = new BlipDecoder(checkpoint.Model, checkpoint.Tokenizer);
        processor = new BlipImageProcessor(checkpoint.Config.Vision.ImageSize);
        Id = "blip:" + Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
    }

    public string Id { get; }

    public int? InputSize => processor.ImageSize;

    public IReadOnlyList<string> Caption(IReadOnlyList<SliceImage> slices, Random random)
    {
        var captions = new List<string>(slices.Count);
        for (int start = 0; start < slices.Count; start += BatchSize)
        {
            var batch = slices.Skip(start).Take(BatchSize).ToList();
            using var pixels = processor.Process(batch);
            captions.AddRange(decoder.Generate(pixels, options));
        }
        return captions;
    }

    public void Dispose() => checkpoint.Dispose();
}
