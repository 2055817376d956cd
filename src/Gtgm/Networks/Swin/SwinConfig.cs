namespace Gtgm.Networks.Swin;

/// <summary>
/// Size of a <see cref="SwinEncoder3D"/>. Defaults are SwinUNETR's: feature size (embedding) 48, depths
/// 2-2-2-2, heads 3-6-12-24, window 7, MLP ratio 4. Every stage's channels must divide by its head count.
/// </summary>
public sealed record SwinConfig(int EmbedDim = 48, int[]? Depths = null, int[]? Heads = null, int Window = 7, double MlpRatio = 4.0)
{
    public int[] StageDepths => Depths ?? new[] { 2, 2, 2, 2 };
    public int[] StageHeads => Heads ?? new[] { 3, 6, 12, 24 };

    /// <summary>SwinUNETR scaled by a width multiplier: embedding 48·width rounded to a multiple of 3 (the first head count).</summary>
    public static SwinConfig Scaled(double width) => new(EmbedDim: Math.Max(3, (int)Math.Round(48 * width / 3) * 3));

    public void Validate()
    {
        if (StageDepths.Length != 4 || StageHeads.Length != 4) throw new ArgumentException("Swin needs depths and heads for 4 stages");
        if (Window < 1 || EmbedDim < 1 || StageDepths.Any(d => d < 1)) throw new ArgumentException("Swin sizes must be positive");
        for (int s = 0; s < 4; s++)
            if ((EmbedDim << s) % StageHeads[s] != 0)
                throw new ArgumentException($"Swin stage {s + 1}: {EmbedDim << s} channels do not divide into {StageHeads[s]} heads");
    }
}
