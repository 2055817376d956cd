using static TorchSharp.torch.utils.tensorboard;

namespace Gtgm.Reporting;

/// <summary>Scalars as TensorBoard event files (<c>tensorboard --logdir runs/</c> shows every run).</summary>
public sealed class TensorBoardLog : IDisposable
{
    readonly TorchSharp.Modules.SummaryWriter _writer;

    public TensorBoardLog(string directory)
    {
        Directory.CreateDirectory(directory);
        _writer = SummaryWriter(directory, createRunName: false);
    }

    public void Scalars(long step, IReadOnlyDictionary<string, double> values)
    {
        foreach (var (name, value) in values)
            if (double.IsFinite(value)) _writer.add_scalar(name, (float)value, checked((int)step));
    }

    public void Dispose() { }
}
