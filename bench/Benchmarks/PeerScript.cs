using System.Diagnostics;
using System.Text.Json;

namespace Gtgm.Bench.Benchmarks;

/// <summary>
/// One Python peer script (bench/peers) run with Debian's /usr/bin/python3, which prints one JSON object with
/// its own timing, so Python's start-up and imports are not counted. Null when the module it needs is missing.
/// </summary>
sealed class PeerScript
{
    const string Interpreter = "/usr/bin/python3";
    readonly string _script;

    public string Label { get; }

    PeerScript(string script, string label) { _script = script; Label = label; }

    /// <summary>The peer, or null (with no error) when python3 or <paramref name="module"/> is not installed.</summary>
    public static PeerScript? Find(string script, string module)
    {
        if (!File.Exists(Interpreter)) return null;
        try
        {
            var json = RunPython("-c", $"import json, sys, {module}; print(json.dumps({{'v': {module}.__version__, 'py': sys.version.split()[0]}}))");
            return new PeerScript(script, $"{module} {json.GetProperty("v").GetString()} (python {json.GetProperty("py").GetString()})");
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Runs the script once and returns its JSON answer.</summary>
    public JsonElement Run(IEnumerable<string> args) =>
        RunPython(new[] { Path.Combine(AppContext.BaseDirectory, "peers", _script) }.Concat(args).ToArray());

    static JsonElement RunPython(params string[] args)
    {
        var info = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) info.ArgumentList.Add(a);
        info.Environment["PYTHONNOUSERSITE"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string? line = stdout.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
        if (process.ExitCode != 0 || line == null)
            throw new InvalidOperationException($"python3 {string.Join(' ', args.Take(1))} failed ({process.ExitCode}): {stderr.Result}");
        using var doc = JsonDocument.Parse(line);
        return doc.RootElement.Clone();
    }
}
