using Gtgm.Text.Slicing;

namespace Gtgm.Text.Captions;

/// <param name="PerVolume">Captions per volume, each from a different slice where the volume has enough.</param>
/// <param name="Axis">Plane slices are cut in.</param>
/// <param name="Seed">Run seed; slice choice and phrasing of each volume derive from it and the volume's name.</param>
/// <param name="Filter">Caption clean-up; null for the defaults.</param>
/// <param name="AttemptsPerCaption">Slices tried per wanted caption before giving up on a volume's duplicates or empties.</param>
public sealed record CaptionGenerationOptions(
    int PerVolume = 1, SliceAxis Axis = SliceAxis.Axial, int Seed = 0, CaptionFilterOptions? Filter = null, int AttemptsPerCaption = 3)
{
    public void Validate()
    {
        if (PerVolume < 1) throw new UserInputException($"captions per volume must be at least 1 (got {PerVolume})");
        if (AttemptsPerCaption < 1) throw new UserInputException($"attempts per caption must be at least 1 (got {AttemptsPerCaption})");
    }
}

/// <param name="Volumes">Volumes in the input list.</param>
/// <param name="Skipped">Volumes already captioned in the file (a resumed run).</param>
/// <param name="Written">Caption records appended.</param>
/// <param name="Dropped">Captions the filter emptied or that repeated an earlier caption.</param>
/// <param name="Uncaptioned">Volumes that ended with no caption (every attempt dropped).</param>
public sealed record CaptionGenerationResult(string Path, int Volumes, int Skipped, int Written, int Dropped, int Uncaptioned);
