using Gtgm.Text.Blip;
using Gtgm.Text.Captioners.Descriptive;

namespace Gtgm.Text.Captioners;

/// <summary>
/// Resolves a captioner name, as users write it: <c>descriptive</c> (the measurement-based template captioner,
/// no weights) or <c>blip:DIR</c> (a BLIP model folder in the Hugging Face layout).
/// </summary>
public static class CaptionerFactory
{
    public const string Descriptive = "descriptive", BlipPrefix = "blip:";

    public static ICaptioner Create(string name, BlipDecodingOptions? decoding = null)
    {
        string n = name.Trim();
        if (n.Equals(Descriptive, StringComparison.OrdinalIgnoreCase) || n == DescriptiveCaptioner.Identity) return new DescriptiveCaptioner();
        if (n.StartsWith(BlipPrefix, StringComparison.OrdinalIgnoreCase) && n.Length > BlipPrefix.Length)
            return new BlipCaptioner(n[BlipPrefix.Length..], decoding);
        throw new UserInputException($"unknown captioner '{name}' (use '{Descriptive}' or '{BlipPrefix}DIR' with a BLIP model folder)");
    }
}
