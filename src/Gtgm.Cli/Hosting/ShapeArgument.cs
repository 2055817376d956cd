using System.Globalization;

namespace Gtgm.Cli.Hosting;

/// <summary>A (z, y, x) extent typed as "z,y,x" (commas, 'x' or spaces between), or one number for a cube.</summary>
static class ShapeArgument
{
    public static int[] Parse(string option, string text, bool allowCube = true)
    {
        var parts = text.Split(new[] { ',', 'x', ' ' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (allowCube && parts.Length == 1) parts = new[] { parts[0], parts[0], parts[0] };
        var values = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : -1).ToArray();
        if (values.Length != 3 || values.Any(v => v < 0))
            throw new UserInputException($"{option} {text}: expected three positive sizes z,y,x{(allowCube ? " (or one for a cube)" : "")}");
        return values;
    }
}
