namespace Gtgm.Segmentation.Networks;

/// <summary>What happened to each tensor when weights were loaded into a module by name and shape.</summary>
/// <param name="Source">The file the weights came from.</param>
/// <param name="Loaded">Names copied into the module.</param>
/// <param name="Missing">Module names the file did not have (they keep their random initialisation).</param>
/// <param name="Unexpected">File names the module does not have (ignored).</param>
/// <param name="ShapeMismatch">Names both have, with different shapes, as "name: file [..] vs module [..]" (not loaded).</param>
public sealed record WeightLoadReport(
    string Source, IReadOnlyList<string> Loaded, IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unexpected, IReadOnlyList<string> ShapeMismatch)
{
    public string Summary =>
        $"{Source}: loaded {Loaded.Count}, missing {Missing.Count}, unexpected {Unexpected.Count}, shape mismatch {ShapeMismatch.Count}";
}
