using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Networks.Layers;

/// <summary>Numerical precision of a network's convolutions.</summary>
public enum Precision
{
    /// <summary>Everything in fp32.</summary>
    Float32,
    /// <summary>fp32 master weights; convolutions (and the activations between them) in bf16.</summary>
    BFloat16Mixed,
}

/// <summary>Switches every <see cref="Conv3dLayer"/> inside a module between fp32 and bf16 compute.</summary>
public static class MixedPrecision
{
    public static void Apply(nn.Module module, Precision precision)
    {
        foreach (var (_, child) in module.named_modules())
            if (child is Conv3dLayer conv) conv.BFloat16 = precision == Precision.BFloat16Mixed;
    }

    /// <summary>Parses "fp32"/"float32" or "bf16"/"bf16-mixed" (case-insensitive).</summary>
    public static Precision Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "fp32" or "float32" => Precision.Float32,
        "bf16" or "bf16-mixed" or "bfloat16" => Precision.BFloat16Mixed,
        _ => throw new UserInputException($"--precision {text}: expected fp32 or bf16"),
    };
}
