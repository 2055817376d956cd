using Gtgm.Imaging;

namespace Gtgm.Text.Captioners.Descriptive;

/// <summary>The words a modality uses for its images, its intensities and its bright and dark structures.</summary>
public sealed record ModalityWording(
    string[] ImageNames, string Intensity, string Bright, string Dark, string BrightThings, string DarkThings, string Subject)
{
    public static ModalityWording For(Modality modality) => modality switch
    {
        Modality.CT => new(new[] { "ct slice", "ct image", "computed tomography slice" }, "attenuation",
            "hyperdense", "hypodense", "hyperdense structures", "hypodense areas", "the body"),
        Modality.MRI => new(new[] { "mri slice", "mr image", "magnetic resonance slice" }, "signal intensity",
            "hyperintense", "hypointense", "hyperintense structures", "hypointense regions", "the tissue"),
        Modality.EM => new(new[] { "electron micrograph", "electron microscopy section", "em section" }, "electron density",
            "electron-lucent", "electron-dense", "electron-lucent cell profiles", "electron-dense profiles", "the neuropil"),
        _ => new(new[] { "image slice", "slice" }, "intensity", "bright", "dark", "bright structures", "dark regions", "the object"),
    };
}
