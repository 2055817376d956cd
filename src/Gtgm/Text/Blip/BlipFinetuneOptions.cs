namespace Gtgm.Text.Blip;

/// <param name="Epochs">Passes over the data.</param>
/// <param name="LearningRate">AdamW learning rate (constant).</param>
/// <param name="BatchSize">Image/caption pairs per step.</param>
/// <param name="WeightDecay">AdamW decoupled weight decay (BLIP used 0.05).</param>
/// <param name="MaxTokens">Longest token sequence ([DEC] + prompt + caption + [SEP]); longer captions are cut.</param>
/// <param name="Prompt">Prompt the captions follow during training (masked out of the loss), e.g. "a picture of".</param>
/// <param name="Seed">Weight-independent randomness: batch order.</param>
/// <param name="CheckpointEvery">Write an HF-layout checkpoint every this many epochs (0: only the final model).</param>
public sealed record BlipFinetuneOptions(
    int Epochs = 5, double LearningRate = 1e-5, int BatchSize = 8, double WeightDecay = 0.05, int MaxTokens = 40,
    string? Prompt = null, int Seed = 0, int CheckpointEvery = 1)
{
    public void Validate()
    {
        var problems = new List<string>();
        if (Epochs < 1) problems.Add($"epochs must be at least 1 (got {Epochs})");
        if (LearningRate <= 0) problems.Add($"learning rate must be positive (got {LearningRate})");
        if (BatchSize < 1) problems.Add($"batch size must be at least 1 (got {BatchSize})");
        if (WeightDecay < 0) problems.Add($"weight decay must not be negative (got {WeightDecay})");
        if (MaxTokens < 3) problems.Add($"max tokens must be at least 3 (got {MaxTokens})");
        if (CheckpointEvery < 0) problems.Add($"checkpoint interval must not be negative (got {CheckpointEvery})");
        if (problems.Count > 0) throw new UserInputException(string.Join("; ", problems));
    }
}
