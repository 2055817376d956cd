using Gtgm.Imaging;
using Gtgm.Segmentation.Metrics;

namespace Gtgm.Connectomics;

/// <summary>
/// Voxel counts per (prediction id, truth id) pair over the voxels whose truth id is not 0 (ground-truth 0 is
/// boundary / unlabelled and ignored, the CREMI convention), with the marginal counts. Prediction 0 is an
/// ordinary id here; <see cref="AdaptedRandError"/> treats it specially, as CREMI does.
/// </summary>
public sealed class ContingencyTable
{
    readonly Dictionary<(int Prediction, int Truth), long> _pairs = new();
    readonly Dictionary<int, long> _prediction = new();
    readonly Dictionary<int, long> _truth = new();

    /// <summary>Voxels with a non-zero truth id: the ones scored.</summary>
    public long Scored { get; }

    /// <summary>All voxels, ignored ones included (CREMI's ARAND divides by this).</summary>
    public long Voxels { get; }

    public IReadOnlyDictionary<(int Prediction, int Truth), long> Pairs => _pairs;
    public IReadOnlyDictionary<int, long> PredictionCounts => _prediction;
    public IReadOnlyDictionary<int, long> TruthCounts => _truth;

    public static ContingencyTable Of(LabelVolume prediction, LabelVolume truth)
    {
        DiceMetric.RequireSameGrid(prediction, truth);
        return new ContingencyTable(prediction.Data, truth.Data);
    }

    public ContingencyTable(ReadOnlySpan<int> prediction, ReadOnlySpan<int> truth)
    {
        if (prediction.Length != truth.Length)
            throw new ArgumentException($"Prediction has {prediction.Length} voxels, truth {truth.Length}.");
        Voxels = truth.Length;
        // Neighbouring voxels mostly share their pair: count runs, then add each run once.
        for (int i = 0; i < truth.Length;)
        {
            int p = prediction[i], t = truth[i], start = i;
            while (i < truth.Length && prediction[i] == p && truth[i] == t) i++;
            if (t == 0) continue;
            long run = i - start;
            _pairs[(p, t)] = _pairs.GetValueOrDefault((p, t)) + run;
            _prediction[p] = _prediction.GetValueOrDefault(p) + run;
            _truth[t] = _truth.GetValueOrDefault(t) + run;
            Scored += run;
        }
        if (Scored == 0) throw new ArgumentException("The truth has no labelled (non-zero) voxels: there is nothing to score.");
    }
}
