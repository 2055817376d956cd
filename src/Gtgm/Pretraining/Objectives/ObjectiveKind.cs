namespace Gtgm.Pretraining.Objectives;

/// <summary>The pretraining objectives `gtgm pretrain --objective` accepts.</summary>
public enum ObjectiveKind
{
    /// <summary>GTGM: 1 * L_VLP + 0.01 * L_VR.</summary>
    Gtgm,
    /// <summary>Ablation: image-text InfoNCE only.</summary>
    Vlp,
    /// <summary>Ablation / baseline: Barlow Twins between views only ("vr" or "barlowtwins").</summary>
    BarlowTwins,
    Byol,
    SimSiam,
    PcrlV2,
    /// <summary>No pretraining: the run writes the randomly initialised encoder.</summary>
    Random,
}

public static class ObjectiveNames
{
    public static readonly IReadOnlyList<string> All = new[] { "gtgm", "vlp", "vr", "barlowtwins", "byol", "simsiam", "pcrlv2", "random" };

    public static ObjectiveKind Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "gtgm" => ObjectiveKind.Gtgm,
        "vlp" => ObjectiveKind.Vlp,
        "vr" or "barlowtwins" or "barlow-twins" => ObjectiveKind.BarlowTwins,
        "byol" => ObjectiveKind.Byol,
        "simsiam" => ObjectiveKind.SimSiam,
        "pcrlv2" => ObjectiveKind.PcrlV2,
        "random" or "none" => ObjectiveKind.Random,
        _ => throw new UserInputException($"--objective {name}: unknown objective; expected one of {string.Join(", ", All)}"),
    };

    public static string Name(ObjectiveKind kind) => kind switch
    {
        ObjectiveKind.BarlowTwins => "vr",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
