using Gtgm.Imaging;
using Gtgm.Reporting;

namespace Gtgm.Connectomics;

/// <summary>Watershed thresholds and agglomeration threshold of <see cref="AffinitySegmentation"/>.</summary>
/// <param name="Threshold">Regions merge while the mean affinity on their shared boundary is at least this.</param>
/// <param name="Low">Watershed: edges below this are never followed (see <see cref="AffinityWatershed"/>).</param>
/// <param name="High">Watershed: edges at or above this always join their voxels.</param>
public sealed record AffinitySegmentationOptions(double Threshold = 0.5, float Low = AffinityWatershed.DefaultLow, float High = AffinityWatershed.DefaultHigh);

/// <summary>Neuron ids from [3, D, H, W] affinities: <see cref="AffinityWatershed"/> fragments, then <see cref="RegionAgglomeration"/> by mean affinity.</summary>
public static class AffinitySegmentation
{
    public static LabelVolume Segment(Volume affinities, AffinitySegmentationOptions? options = null, IProgress<ProgressUpdate>? progress = null)
    {
        options ??= new AffinitySegmentationOptions();
        progress ??= Progress.None;
        const string task = "segment";
        progress.Report(new ProgressUpdate(task, 0, 2, "stage", "watershed"));
        var fragments = AffinityWatershed.Fragments(affinities, options.Low, options.High);
        progress.Report(new ProgressUpdate(task, 1, 2, "stage", $"{fragments.Data.Max()} fragments; agglomerating"));
        var segmentation = RegionAgglomeration.Agglomerate(fragments, affinities, options.Threshold);
        progress.Report(new ProgressUpdate(task, 2, 2, "stage", $"{segmentation.Data.Max()} segments"));
        return segmentation;
    }
}
