namespace Gtgm.Text.Slicing;

/// <summary>
/// Which index plane of a (z, y, x) volume a slice is cut from. "Axial" fixes z (the slowest, NIfTI k axis),
/// "coronal" fixes y and "sagittal" fixes x; for volumes stored in the usual RAS-like order these are the
/// anatomical planes, and the slice keeps the world directions of its rows and columns in any case.
/// </summary>
public enum SliceAxis
{
    Axial,
    Coronal,
    Sagittal,
}

public static class SliceAxes
{
    public static string Name(this SliceAxis axis) => axis switch
    {
        SliceAxis.Axial => "axial",
        SliceAxis.Coronal => "coronal",
        _ => "sagittal",
    };

    public static SliceAxis Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "axial" or "z" => SliceAxis.Axial,
        "coronal" or "y" => SliceAxis.Coronal,
        "sagittal" or "x" => SliceAxis.Sagittal,
        _ => throw new UserInputException($"unknown slice axis '{name}' (use axial, coronal or sagittal)"),
    };
}
