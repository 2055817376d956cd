using System.Diagnostics;
using Gtgm.Networks;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Gtgm.Tests.Networks;

/// <summary>
/// The exported ResNet loads strict=True into an independent PyTorch 3-D ResNet with torchvision names
/// (tools/check_resnet_export.py) and gives the same feature maps. Skips where /usr/bin/python3 has no torch.
/// </summary>
public class ResNetPyTorchParityTests
{
    [SkippableTheory]
    [InlineData("resnet18")]
    [InlineData("resnet50")]
    public void ExportedWeightsReproduceTheFeaturesInPyTorch(string name)
    {
        Skip.IfNot(PythonHasTorch(), "/usr/bin/python3 with torch not installed (apt-get install python3-torch)");
        using var dir = new TempDir();
        torch.manual_seed(1);
        using var scope = NewDisposeScope();
        var net = EncoderRegistry.Create(name, 2, 0.125);
        using (no_grad()) net.forward(randn(new long[] { 2, 2, 16, 64, 64 })); // non-trivial BN running statistics
        net.eval();
        var x = randn(new long[] { 1, 2, 16, 64, 64 });
        var maps = net.ForwardFeatures(x);
        net.save_safetensors(dir.File("encoder.safetensors"));
        Safetensors.SaveStateDict(dir.File("io.safetensors"), new Dictionary<string, Tensor>
        {
            ["x"] = x, ["stem"] = maps[0], ["l4"] = maps[4], ["pooled"] = net.forward(x),
        });
        var (code, output) = Python(Script(), dir.File("encoder.safetensors"), dir.File("io.safetensors"), name, "0.125", "2");
        Assert.True(code == 0, output);
        Assert.Contains("outputs match", output);
    }

    static string Script()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tools", "check_resnet_export.py");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("tools/check_resnet_export.py not found above the test folder");
    }

    static bool PythonHasTorch() => File.Exists("/usr/bin/python3") && Python("-c", "import torch").Code == 0;

    static (int Code, string Output) Python(params string[] args)
    {
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }
}
