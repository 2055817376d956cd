using Gtgm.Imaging;
using Gtgm.Platform;
using Gtgm.Reporting;
using Gtgm.Segmentation.Inference;

namespace Gtgm.Segmentation.Finetuning;

/// <summary>
/// Segments images (any format <see cref="VolumeIO"/> reads) with a finetuning run's model and writes each label
/// map under the image's file name, in its format, on its grid (same shape and affine).
/// </summary>
public static class RunPrediction
{
    /// <param name="modality">The inputs' modality; null means the one the model was trained on.</param>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> Predict(string runFolder, string input, string outputFolder, Modality? modality, string device,
        double overlap, bool flipTta, IProgress<ProgressUpdate> progress, CancellationToken cancellation = default)
    {
        var files = Inputs(input);
        var (net, spec) = SegmentationCheckpoint.Load(Path.GetFullPath(runFolder), TorchRuntime.ResolveDevice(device));
        var predictor = new SegmentationPredictor(net, spec, TorchRuntime.ResolveDevice(device), overlap, flipTta);
        var written = new List<string>();
        foreach (var file in files)
        {
            cancellation.ThrowIfCancellationRequested();
            var image = VolumeIO.ReadImage(file).WithModality(modality ?? spec.Modality);
            var labels = predictor.Predict(image, file);
            string target = Path.Combine(outputFolder, Path.GetFileName(file));
            Directory.CreateDirectory(outputFolder);
            VolumeIO.WriteLabels(labels, target);
            written.Add(target);
            progress.Report(new ProgressUpdate("predict", written.Count, files.Count, "image"));
        }
        return written;
    }

    static IReadOnlyList<string> Inputs(string input)
    {
        if (File.Exists(input)) return new[] { input };
        if (!Directory.Exists(input)) throw UserInputException.ForFile(input, "no such file or folder");
        var files = Directory.EnumerateFiles(input)
            .Where(VolumeIO.IsVolumeFile)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw UserInputException.ForFile(input, "contains no image files (.nii, .nii.gz, .mha, .mhd, .h5)");
        return files;
    }
}
