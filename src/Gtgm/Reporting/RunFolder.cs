using System.Text.Json;
using System.Text.Json.Nodes;
using Gtgm.IO;

namespace Gtgm.Reporting;

/// <summary>
/// <c>runs/&lt;name&gt;/</c>: everything one training or evaluation run leaves behind.
/// <list type="bullet">
/// <item><c>config.json</c>: the fully resolved options and seed; <c>gtgm CMD --config runs/NAME/config.json</c> repeats the run.</item>
/// <item><c>metrics.jsonl</c>: one line of scalars per logged step.</item>
/// <item><c>tensorboard/</c>: the same scalars as TensorBoard event files.</item>
/// <item><c>checkpoints/</c> and <c>report.md</c>.</item>
/// </list>
/// Files other than the append-only metrics log are written atomically.
/// </summary>
public sealed class RunFolder : IDisposable
{
    public const string ConfigFileName = "config.json";
    public const string MetricsFileName = "metrics.jsonl";
    public const string ReportFileName = "report.md";

    public string Path { get; }
    public MetricsLog Metrics { get; }
    TensorBoardLog? _tensorBoard;

    RunFolder(string path)
    {
        Path = path;
        Metrics = new MetricsLog(System.IO.Path.Combine(path, MetricsFileName));
    }

    /// <summary>
    /// Opens <c>root/name</c>. A new run refuses a folder that already holds a run (so results are never
    /// mixed); <paramref name="resume"/> requires one.
    /// </summary>
    public static RunFolder Open(string root, string name, bool resume)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0)
            throw new UserInputException($"run name '{name}' is not a valid folder name");
        string path = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, name));
        bool exists = System.IO.File.Exists(System.IO.Path.Combine(path, ConfigFileName));
        if (resume && !exists)
            throw UserInputException.ForFile(path, "there is no run here to resume (no config.json)");
        if (!resume && exists)
            throw UserInputException.ForFile(path, "a run with this name already exists; pass --resume to continue it or choose another --name");
        Directory.CreateDirectory(path);
        return new RunFolder(path);
    }

    /// <summary>Opens an existing run folder (given as a path) for reading its config and checkpoints.</summary>
    public static RunFolder Existing(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!System.IO.File.Exists(System.IO.Path.Combine(full, ConfigFileName)))
            throw UserInputException.ForFile(full, "not a run folder (no config.json)");
        return new RunFolder(full);
    }

    public string CheckpointDirectory => System.IO.Path.Combine(Path, "checkpoints");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void WriteConfig(JsonObject config) =>
        AtomicFile.WriteAllText(File(ConfigFileName), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

    public JsonObject ReadConfig() =>
        JsonNode.Parse(System.IO.File.ReadAllText(File(ConfigFileName))) as JsonObject
        ?? throw UserInputException.ForFile(File(ConfigFileName), "expected a JSON object");

    public void WriteReport(string markdown) => AtomicFile.WriteAllText(File(ReportFileName), markdown);

    /// <summary>Logs scalars to metrics.jsonl and TensorBoard under the same names.</summary>
    public void Log(long step, IReadOnlyDictionary<string, double> values)
    {
        Metrics.Append(step, values);
        _tensorBoard ??= new TensorBoardLog(System.IO.Path.Combine(Path, "tensorboard"));
        _tensorBoard.Scalars(step, values);
    }

    public void Dispose() => _tensorBoard?.Dispose();
}
