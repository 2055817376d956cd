using Gtgm.Networks.ResNet;
using Gtgm.Networks.Swin;

namespace Gtgm.Networks;

/// <summary>The encoders a command can name: resnet10, resnet18, resnet34, resnet50, swin.</summary>
public static class EncoderRegistry
{
    public static readonly IReadOnlyList<string> Names = new[] { "resnet10", "resnet18", "resnet34", "resnet50", "swin" };

    /// <summary>
    /// Builds an encoder by name. <paramref name="width"/> scales every channel count (ResNet: 64 * width
    /// base planes; Swin: 48 * width embedding size, rounded to a multiple of the head count).
    /// </summary>
    public static Encoder3D Create(string name, int inChannels = 1, double width = 1.0)
    {
        if (!(width > 0) || width > 16) throw new UserInputException($"--width {width}: must be in (0, 16]");
        if (inChannels < 1) throw new UserInputException($"input channels {inChannels}: must be at least 1");
        return name.Trim().ToLowerInvariant() switch
        {
            "resnet10" => new ResNet3D(ResNetBlockKind.Basic, new[] { 1, 1, 1, 1 }, inChannels, width),
            "resnet18" => new ResNet3D(ResNetBlockKind.Basic, new[] { 2, 2, 2, 2 }, inChannels, width),
            "resnet34" => new ResNet3D(ResNetBlockKind.Basic, new[] { 3, 4, 6, 3 }, inChannels, width),
            "resnet50" => new ResNet3D(ResNetBlockKind.Bottleneck, new[] { 3, 4, 6, 3 }, inChannels, width),
            "swin" => new SwinEncoder3D(SwinConfig.Scaled(width), inChannels),
            _ => throw new UserInputException($"--encoder {name}: unknown encoder; expected one of {string.Join(", ", Names)}"),
        };
    }
}
