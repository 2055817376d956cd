using Gtgm.Segmentation.Networks;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Gtgm.Segmentation.Finetuning;

/// <summary>
/// The files of a finetuning run's model: <c>model.json</c> (the spec) and <c>checkpoints/model.safetensors</c>
/// (the weights selected on the validation split; <c>encoder.*</c> and <c>decoder.*</c> tensors, so the file also
/// serves as <c>--encoder</c> for another finetuning run).
/// </summary>
public static class SegmentationCheckpoint
{
    public const string BestFile = "model.safetensors";
    public const string LastFile = "last.safetensors";

    public static void Save(SegmentationNet net, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temp = path + "." + Environment.ProcessId + IO.AtomicFile.TempSuffix;
        net.save_safetensors(temp);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Rebuilds the net of a finetuning run folder and loads its selected weights.</summary>
    public static (SegmentationNet Net, SegmentationModelSpec Spec) Load(string runFolder, Device device)
    {
        var spec = SegmentationModelSpec.Load(Path.Combine(runFolder, SegmentationModelSpec.FileName));
        string weights = Path.Combine(runFolder, "checkpoints", BestFile);
        if (!File.Exists(weights)) throw UserInputException.ForFile(weights, "missing: the run has not saved a model yet");
        var net = spec.CreateNet();
        net.load_safetensors(weights);
        net.to(device);
        net.eval();
        return (net, spec);
    }
}
