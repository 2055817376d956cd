using Gtgm.Imaging;
using Gtgm.Platform;

namespace Gtgm.Connectomics.Training;

/// <summary>Affinities of a raw CREMI volume from an <c>em train</c> run's selected model, on the raw volume's grid.</summary>
public static class AffinityRunPrediction
{
    public static Volume Predict(string runFolder, string rawPath, string rawDataset, double overlap = 0.5, string device = "cpu")
    {
        var torchDevice = TorchRuntime.ResolveDevice(device);
        var (net, spec) = AffinityModel.Load(runFolder, torchDevice);
        using (net)
        {
            var raw = EmVolume.ReadRaw(rawPath, rawDataset);
            return new AffinityPredictor(net, spec.Patch, torchDevice, overlap).Predict(raw);
        }
    }
}
