using System.Globalization;

namespace Gtgm.Bench.Harness;

/// <summary>The command line: <c>[names...] [--quick] [--reps N] [--threads N] [--out FILE] [--markdown FILE] [--list]</c>.</summary>
public sealed record BenchOptions(
    IReadOnlyList<string> Names, bool Quick, int Repetitions, int Threads, string Out, string? Markdown, bool List, bool Help)
{
    public const int DefaultRepetitions = 5;
    public const string DefaultOut = "bench/results/latest.json";

    public static readonly string Usage =
        "usage: dotnet run -c Release --project bench -- [names...] [--quick] [--reps N] [--threads N] [--out FILE] [--markdown FILE] [--list]\n" +
        "  names        benchmarks to run (default: all; --list shows them)\n" +
        "  --quick      smoke mode: tiny inputs, one repetition, no package installs\n" +
        $"  --reps N     timed repetitions per figure, medians reported (default {DefaultRepetitions})\n" +
        "  --threads N  intra-op threads for ours and every peer (default: all logical cores)\n" +
        $"  --out FILE   JSON results (default {DefaultOut})\n" +
        "  --markdown FILE  also write the results table as Markdown (for BENCHMARKS.md)";

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var names = new List<string>();
        bool quick = false, list = false, help = false;
        int reps = DefaultRepetitions, threads = Environment.ProcessorCount;
        string output = DefaultOut;
        string? markdown = null;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{a} needs a value");
            int Positive()
            {
                string v = Value();
                return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
                    ? n : throw new ArgumentException($"{a} {v}: expected a positive whole number");
            }
            switch (a)
            {
                case "--quick": quick = true; break;
                case "--list": list = true; break;
                case "--help" or "-h": help = true; break;
                case "--reps": reps = Positive(); break;
                case "--threads": threads = Positive(); break;
                case "--out": output = Value(); break;
                case "--markdown": markdown = Value(); break;
                default:
                    if (a.StartsWith('-')) throw new ArgumentException($"unknown option {a}");
                    names.Add(a);
                    break;
            }
        }
        return new BenchOptions(names, quick, quick ? 1 : reps, threads, output, markdown, list, help);
    }
}
