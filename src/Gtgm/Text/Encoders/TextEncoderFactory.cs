namespace Gtgm.Text.Encoders;

/// <summary>
/// Resolves an encoder name from the command line or a config: <c>minilm</c> (the embedded default) or
/// <c>bert:DIR</c> (a Hugging Face BERT folder: BioBERT, PubMedBERT, ClinicalBERT, BERT).
/// </summary>
public static class TextEncoderFactory
{
    public const string Help = "minilm (embedded all-MiniLM-L6-v2) or bert:DIR (a Hugging Face BERT folder)";

    public static ITextEncoder Create(string spec, PoolingKind? pooling = null, int? maxLength = null)
    {
        if (string.IsNullOrWhiteSpace(spec)) throw new UserInputException($"no text encoder given (use {Help})");
        if (spec.Equals("minilm", StringComparison.OrdinalIgnoreCase))
        {
            if (pooling is PoolingKind.Cls) throw new UserInputException("minilm pools by the mean (it was trained that way); --pooling cls applies to bert:DIR only");
            return new MiniLmTextEncoder(maxLength ?? MiniLmTextEncoder.DefaultMaxLength);
        }
        if (spec.StartsWith("bert:", StringComparison.OrdinalIgnoreCase))
        {
            string dir = spec["bert:".Length..];
            if (dir.Length == 0) throw new UserInputException("bert: needs a model folder, e.g. bert:/models/biobert-v1.1");
            return BertTextEncoder.Load(dir, new BertTextEncoderOptions
            {
                Pooling = pooling ?? BertTextEncoderOptions.DefaultPooling,
                MaxLength = maxLength ?? BertTextEncoderOptions.DefaultMaxLength,
            });
        }
        throw new UserInputException($"unknown text encoder '{spec}' (use {Help})");
    }
}
