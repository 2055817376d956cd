namespace Gtgm.Imaging;

/// <summary>Imaging modality; it selects the intensity normalisation and the caption vocabulary.</summary>
public enum Modality
{
    CT,
    MRI,
    EM,
    Other,
}

public static class ModalityNames
{
    /// <summary>Parses the names users and MSD <c>dataset.json</c> files use ("CT", "MRI", "T1", "FLAIR", "EM", ...).</summary>
    public static Modality Parse(string name) => name.Trim().ToUpperInvariant() switch
    {
        "CT" => Modality.CT,
        "MRI" or "MR" or "T1" or "T1W" or "T1GD" or "T2" or "T2W" or "FLAIR" or "ADC" or "DWI" or "PD" => Modality.MRI,
        "EM" or "SEM" or "TEM" or "FIB-SEM" or "FIBSEM" or "SSTEM" => Modality.EM,
        _ => Modality.Other,
    };

    /// <summary>
    /// Like <see cref="Parse"/>, for a name the user typed: a name that is not a known modality (nor "other") is an
    /// error rather than a silent <see cref="Modality.Other"/>.
    /// </summary>
    public static Modality ParseKnown(string name, string option)
    {
        var m = Parse(name);
        return m == Modality.Other && !name.Trim().Equals("other", StringComparison.OrdinalIgnoreCase)
            ? throw new UserInputException($"{option} {name}: unknown modality (use CT, MRI, EM or other)")
            : m;
    }
}
