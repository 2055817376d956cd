using static TorchSharp.torch;

namespace Gtgm.Networks;

static class EncoderInput
{
    /// <summary>Rejects anything but [B, channels, D, H, W] with a message that shows the shape received.</summary>
    public static void Check(Tensor input, int channels)
    {
        if (input.dim() != 5 || input.shape[1] != channels)
            throw new ArgumentException($"expected input [B, {channels}, D, H, W], got [{string.Join(", ", input.shape)}]");
    }
}
