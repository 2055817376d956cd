using System.CommandLine;
using System.Globalization;

namespace Gtgm.Cli.Hosting;

/// <summary>`--spacing default|native|z,y,x`: the resampling target shared by pretraining and finetuning.</summary>
static class SpacingArgument
{
    public static Option<string> CreateOption() => new("--spacing")
    {
        Description = "Resample to this spacing z,y,x (mm); 'default' is the modality's (CT 2x1.5x1.5, MRI 1 mm, EM native), 'native' keeps the file's",
        DefaultValueFactory = _ => "default",
    };

    /// <summary>null for the modality default, an empty array for native spacing, else (z, y, x).</summary>
    public static double[]? Parse(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t == "default") return null;
        if (t == "native") return Array.Empty<double>();
        var values = t.Split(',', StringSplitOptions.TrimEntries)
            .Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 ? v : -1).ToArray();
        if (values.Length != 3 || values.Any(v => v <= 0))
            throw new UserInputException($"--spacing {text}: expected default, native, or three positive spacings z,y,x in mm");
        return values;
    }
}
