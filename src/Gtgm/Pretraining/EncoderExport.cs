using Gtgm.Pretraining.Training;
using Gtgm.Reporting;
using TorchSharp.PyBridge;

namespace Gtgm.Pretraining;

/// <summary>What <see cref="EncoderExport.Export"/> wrote.</summary>
public sealed record EncoderExportReport(string Output, string Checkpoint, long Step, string Encoder, double Width, int InChannels,
    int Tensors, long Parameters);

/// <summary>
/// Writes the pretrained encoder of a run (its newest verified checkpoint) as a safetensors file, with the
/// encoder's own parameter and buffer names (the checkpoint's <c>encoder.</c> prefix removed): for ResNets
/// the torchvision / MedicalNet names (conv1.weight, layer1.0.bn1.running_mean, ...), for Swin MONAI's
/// SwinTransformer names. docs/networks.md maps them to MONAI's ResNet. Heads are not exported.
/// The file is written to a temporary name and renamed, so a failed export leaves no partial file.
/// </summary>
public static class EncoderExport
{
    public static EncoderExportReport Export(string runPath, string output)
    {
        var run = RunFolder.Existing(runPath);
        var store = new CheckpointStore(run.CheckpointDirectory, 1);
        var (step, checkpoint) = store.Latest()
            ?? throw UserInputException.ForFile(run.CheckpointDirectory, "the run has no checkpoint yet");
        using var objective = PretrainTrainer.LoadObjective(checkpoint);
        var setup = PretrainTrainer.ReadSetup(checkpoint);
        var encoder = objective.Encoder;
        string full = Path.GetFullPath(output);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + "." + Environment.ProcessId + IO.AtomicFile.TempSuffix;
        try
        {
            encoder.save_safetensors(temp);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        var state = encoder.state_dict();
        long parameters = encoder.parameters().Sum(p => p.numel());
        return new EncoderExportReport(full, checkpoint, step, setup.Encoder, setup.Width, setup.InChannels, state.Count, parameters);
    }
}
