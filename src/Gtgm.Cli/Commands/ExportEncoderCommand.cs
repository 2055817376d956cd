using System.CommandLine;
using Gtgm.Cli.Hosting;
using Gtgm.Pretraining;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm export-encoder RUN --out encoder.safetensors`: the pretrained encoder for PyTorch/MONAI users.</summary>
static class ExportEncoderCommand
{
    public static Command Create(CommandEnvironment env)
    {
        var run = new Argument<string>("run") { Description = "Pretraining run folder (runs/NAME)" };
        var output = new Option<string>("--out") { Description = "Output .safetensors file", Required = true };
        var command = new Command("export-encoder", "Write a pretraining run's encoder weights as safetensors with torchvision/MedicalNet (ResNet) or MONAI (Swin) names");
        command.Arguments.Add(run);
        command.Options.Add(output);
        command.Options.Add(ConfigMerge.ConfigOption);
        command.SetAction(parse =>
        {
            var r = EncoderExport.Export(parse.GetValue(run)!, parse.GetValue(output)!);
            env.Out.WriteLine($"encoder      {r.Encoder} x{r.Width} ({r.InChannels} input channel(s)), {r.Parameters:N0} parameters");
            env.Out.WriteLine($"checkpoint   {r.Checkpoint} (step {r.Step})");
            env.Out.WriteLine($"wrote        {r.Output} ({r.Tensors} tensors)");
            return ExitCodes.Success;
        });
        return command;
    }
}
