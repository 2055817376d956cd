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
}
