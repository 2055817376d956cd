using Gtgm.Networks;
using Gtgm.Pretraining.Heads;

namespace Gtgm.Pretraining.Objectives;

/// <summary>Options shared by the objectives; defaults are the papers'.</summary>
public sealed record ObjectiveOptions
{
    public int ProjectionDim { get; init; } = ProjectionHead.DefaultDim;
    public double Temperature { get; init; } = Losses.InfoNceLoss.DefaultTemperature;
    public double VrWeight { get; init; } = 0.01;
    /// <summary>false: the GTGM reference code's Barlow Twins on raw, un-standardised projections.</summary>
    public bool StandardizeBarlow { get; init; } = true;
}

/// <summary>Builds an objective by kind around encoders made by <c>createEncoder</c>.</summary>
public static class ObjectiveFactory
{
    public static PretrainObjective Create(ObjectiveKind kind, Func<Encoder3D> createEncoder, int textDim, ObjectiveOptions? options = null)
    {
        var o = options ?? new ObjectiveOptions();
        return kind switch
        {
            ObjectiveKind.Gtgm or ObjectiveKind.Vlp or ObjectiveKind.BarlowTwins =>
                new GtgmObjective(kind, createEncoder(), textDim, o.ProjectionDim, o.Temperature, o.StandardizeBarlow, o.VrWeight),
            ObjectiveKind.Byol => new ByolObjective(createEncoder, Math.Min(o.ProjectionDim, 256)),
            ObjectiveKind.SimSiam => new SimSiamObjective(createEncoder(), o.ProjectionDim),
            ObjectiveKind.PcrlV2 => new PcrlV2Objective(createEncoder()),
            ObjectiveKind.Random => new RandomInitObjective(createEncoder()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }
}
