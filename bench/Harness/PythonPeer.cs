using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Gtgm.Bench.Harness;

/// <summary>
/// A Python peer: Debian's system interpreter (<c>/usr/bin/python3</c>, never a pyenv or virtualenv python on PATH,
/// whose packages would differ from the apt ones the results name) with the apt packages a benchmark needs.
/// Obtain one with <see cref="Ensure"/>; when the packages are missing and cannot be installed the peer is
/// <em>not available</em>, which a benchmark reports as a row without a peer figure, not as a failure.
/// Scripts live in <c>bench/peers</c> and print their result as one JSON object on a line of stdout.
/// </summary>
public sealed class PythonPeer
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>
    /// Whether <see cref="Ensure"/> may run apt-get. The harness allows it for full runs as root and forbids it in
    /// --quick mode (smoke runs, tests); off by default so that nothing installs packages unasked.
    /// </summary>
    public static bool InstallAllowed { get; set; }

    static readonly object Gate = new();
    static readonly Dictionary<string, PythonPeer> Known = new(StringComparer.Ordinal);
    static bool aptUpdated;

    PythonPeer(bool available, string label, string? whyUnavailable, IReadOnlyDictionary<string, string> versions)
    {
        Available = available;
        Label = label;
        WhyUnavailable = whyUnavailable;
        Versions = versions;
    }

    public bool Available { get; }

    /// <summary>What to print as the peer's name, e.g. "PyTorch 1.13.1 (python 3.11.2)", or why it is unavailable.</summary>
    public string Label { get; }

    public string? WhyUnavailable { get; }

    /// <summary>Module name to version, e.g. torch -> 1.13.1, python -> 3.11.2.</summary>
    public IReadOnlyDictionary<string, string> Versions { get; }

    /// <summary>
    /// Makes sure the Debian packages (e.g. "python3-torch", "python3-nibabel") are importable by the system
    /// python, installing them with apt-get when allowed (<see cref="InstallAllowed"/>, root). Never throws for a
    /// missing peer: the result says whether it is available and why not.
    /// </summary>
    public static PythonPeer Ensure(params string[] aptPackages)
    {
        if (aptPackages.Length == 0) throw new ArgumentException("name at least one apt package", nameof(aptPackages));
        string key = string.Join(' ', aptPackages.OrderBy(p => p, StringComparer.Ordinal));
        lock (Gate)
        {
            if (Known.TryGetValue(key, out var known)) return known;
            var peer = Probe(aptPackages);
            if (!peer.Available && InstallAllowed && Environment.IsPrivilegedProcess && File.Exists(Interpreter))
            {
                string? failure = AptInstall(aptPackages);
                peer = Probe(aptPackages);
                if (!peer.Available && failure != null)
                    peer = new PythonPeer(false, peer.Label, $"{peer.WhyUnavailable}; apt-get failed: {failure}", peer.Versions);
            }
            else if (!peer.Available)
            {
                string why = !InstallAllowed ? "not installed, and installing is off (--quick)"
                    : !Environment.IsPrivilegedProcess ? "not installed, and not root to apt-get install it"
                    : "no /usr/bin/python3";
                peer = new PythonPeer(false, $"{key} not available", why, peer.Versions);
            }
            Known[key] = peer;
            return peer;
        }
    }

    /// <summary>Runs a peer script to completion and returns the JSON object it printed last.</summary>
    public JsonElement Run(string script, params string[] args)
    {
        RequireAvailable();
        using var process = System.Diagnostics.Process.Start(StartInfo(script, args, interactive: false))
            ?? throw new InvalidOperationException($"could not start {Interpreter}");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"peer {script} exited with {process.ExitCode}: {Tail(stderr.Result)}");
        foreach (string line in stdout.Split('\n').Reverse())
            if (TryParseObject(line, out var json)) return json;
        throw new InvalidOperationException($"peer {script} printed no JSON object; stderr: {Tail(stderr.Result)}");
    }

    /// <summary>
    /// Starts a long-lived peer that answers one JSON line per request line, so that ours and the peer can
    /// alternate step by step without paying Python's start-up (and PyTorch's import) on every repetition.
    /// The script first prints a greeting JSON line once it is set up (<see cref="PeerSession.Greeting"/>).
    /// </summary>
    public PeerSession Start(string script, params string[] args)
    {
        RequireAvailable();
        var process = System.Diagnostics.Process.Start(StartInfo(script, args, interactive: true))
            ?? throw new InvalidOperationException($"could not start {Interpreter}");
        return new PeerSession(script, process);
    }

    /// <summary>Where peer scripts are: bench/peers, copied next to the benchmark assembly.</summary>
    public static string ScriptPath(string script) => Path.Combine(AppContext.BaseDirectory, "peers", script);

    void RequireAvailable()
    {
        if (!Available) throw new InvalidOperationException($"peer not available: {WhyUnavailable}");
    }

    static ProcessStartInfo StartInfo(string script, string[] args, bool interactive)
    {
        string path = ScriptPath(script);
        if (!File.Exists(path)) throw new FileNotFoundException($"peer script {path} is missing", path);
        var info = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = interactive,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-u");
        info.ArgumentList.Add(path);
        foreach (string a in args) info.ArgumentList.Add(a);
        // User site-packages would shadow the apt packages whose versions we report.
        info.Environment["PYTHONNOUSERSITE"] = "1";
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        return info;
    }

    static PythonPeer Probe(string[] aptPackages)
    {
        var modules = aptPackages.Select(ModuleOf).ToArray();
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(Interpreter)) return new PythonPeer(false, "python3 not available", $"no {Interpreter}", versions);
        const string probe =
            "import importlib, json, sys\n" +
            "out = {'python': sys.version.split()[0]}\n" +
            "for m in sys.argv[1:]:\n" +
            "    try:\n" +
            "        out[m] = str(getattr(importlib.import_module(m), '__version__', 'present'))\n" +
            "    except Exception:\n" +
            "        pass\n" +
            "print(json.dumps(out))\n";
        var info = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(probe);
        foreach (string m in modules) info.ArgumentList.Add(m);
        info.Environment["PYTHONNOUSERSITE"] = "1";
        using var process = System.Diagnostics.Process.Start(info)!;
        string stdout = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (TryParseObject(stdout.Trim(), out var json))
            foreach (var p in json.EnumerateObject()) versions[p.Name] = p.Value.GetString() ?? "";
        var missing = modules.Where(m => !versions.ContainsKey(m)).ToArray();
        if (missing.Length > 0)
            return new PythonPeer(false, $"{string.Join(", ", missing)} not available", $"python module(s) {string.Join(", ", missing)} missing", versions);
        string label = string.Join(", ", modules.Select(m => $"{DisplayName(m)} {versions[m]}")) + $" (python {versions["python"]})";
        return new PythonPeer(true, label, null, versions);
    }

    /// <summary>Installs the packages; returns null on success, else the reason.</summary>
    static string? AptInstall(string[] packages)
    {
        if (!aptUpdated)
        {
            string? update = RunApt("update", "-qq");
            if (update != null) return update;
            aptUpdated = true;
        }
        return RunApt(new[] { "install", "-y", "-qq", "--no-install-recommends" }.Concat(packages).ToArray());
    }

    /// <summary>
    /// apt-get, waiting for the dpkg lock (other benchmark or setup runs may be installing at the same moment) and
    /// retrying a while when the package-list lock is held, which the dpkg lock timeout does not cover.
    /// </summary>
    static string? RunApt(params string[] args)
    {
        var full = new[] { "-o", "DPkg::Lock::Timeout=600" }.Concat(args).ToArray();
        string? failure = null;
        for (int attempt = 0; attempt < 20; attempt++)
        {
            failure = RunTool("apt-get", full);
            if (failure == null || !failure.Contains("Could not get lock", StringComparison.Ordinal)) return failure;
            Thread.Sleep(TimeSpan.FromSeconds(15));
        }
        return failure;
    }

    static string? RunTool(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) info.ArgumentList.Add(a);
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        try
        {
            using var process = System.Diagnostics.Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{tool} {string.Join(' ', args)} exited with {process.ExitCode}: {Tail(stderr.Result)}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{tool}: {e.Message}";
        }
    }

    static string ModuleOf(string aptPackage) =>
        aptPackage.StartsWith("python3-", StringComparison.Ordinal) ? aptPackage["python3-".Length..] : aptPackage;

    static string DisplayName(string module) => module switch
    {
        "torch" => "PyTorch",
        _ => module,
    };

    internal static bool TryParseObject(string line, out JsonElement json)
    {
        json = default;
        line = line.Trim();
        if (!line.StartsWith('{')) return false;
        try
        {
            using var doc = JsonDocument.Parse(line);
            json = doc.RootElement.Clone();
            return json.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    internal static string Tail(string text, int chars = 800) =>
        text.Length <= chars ? text.Trim() : "..." + text[^chars..].Trim();
}

/// <summary>A running peer script that answers one JSON line per request line (see <see cref="PythonPeer.Start"/>).</summary>
public sealed class PeerSession : IDisposable
{
    readonly string script;
    readonly System.Diagnostics.Process process;
    readonly StringBuilder stderr = new();

    internal PeerSession(string script, System.Diagnostics.Process process)
    {
        this.script = script;
        this.process = process;
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        Greeting = NextReply("start-up");
    }

    /// <summary>What the script printed once set up (e.g. its parameter count and library version).</summary>
    public JsonElement Greeting { get; }

    /// <summary>Sends one request line and returns the next JSON object the peer prints.</summary>
    public JsonElement Request(string line)
    {
        process.StandardInput.WriteLine(line);
        process.StandardInput.Flush();
        return NextReply($"'{line}'");
    }

    /// <summary>Sends a request whose answer is {"seconds": s} and returns s.</summary>
    public double RequestSeconds(string line) => Request(line).GetProperty("seconds").GetDouble();

    JsonElement NextReply(string waitingFor)
    {
        while (true)
        {
            string? reply = process.StandardOutput.ReadLine();
            if (reply == null)
            {
                process.WaitForExit();
                string err;
                lock (stderr) err = stderr.ToString();
                throw new InvalidOperationException($"peer {script} ended (exit {process.ExitCode}) before answering {waitingFor}: {PythonPeer.Tail(err)}");
            }
            if (PythonPeer.TryParseObject(reply, out var json)) return json;
        }
    }

    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(10_000)) process.Kill();
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
        process.Dispose();
    }
}
