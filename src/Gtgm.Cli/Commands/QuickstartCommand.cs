using System.CommandLine;
using System.Globalization;
using Gtgm.Cli.Hosting;
using Gtgm.Segmentation.Metrics;

namespace Gtgm.Cli.Commands;

/// <summary>
/// `gtgm quickstart`: the whole method end to end on built-in phantom CT data, in a few minutes on a laptop.
/// It is deliberately a script of ordinary `gtgm` commands, each printed before it runs, so that every step
/// leaves the same files a user's own run would, and the printed lines can be rerun on real data.
/// </summary>
static class QuickstartCommand
{
    const string Marker = "quickstart.txt";

    public static Command Create(CommandEnvironment env)
    {
        var outDir = new Option<string>("--out") { Description = "Folder for everything quickstart writes (replaced if it holds an earlier quickstart)", DefaultValueFactory = _ => Path.Combine("runs", "quickstart") };
        var seed = new Option<int>("--seed") { Description = "Seed for data, captions, training and splits", DefaultValueFactory = _ => 0 };
        var pretrainSteps = new Option<int>("--pretrain-steps") { Description = "GTGM pretraining steps", DefaultValueFactory = _ => 60 };
        var finetuneSteps = new Option<int>("--finetune-steps") { Description = "Segmentation finetuning steps per run", DefaultValueFactory = _ => 150 };
        var volumes = new Option<int>("--volumes") { Description = "Phantom CT volumes to generate", DefaultValueFactory = _ => 12 };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads (0: all cores)", DefaultValueFactory = _ => 0 };
        var command = new Command("quickstart",
            "Run GTGM end to end on built-in phantom CT: generate data, caption slices, embed captions with MiniLM, " +
            "pretrain a 3-D ResNet with the GTGM objective, finetune it and a random-init baseline for segmentation, and compare Dice")
        {
            outDir, seed, pretrainSteps, finetuneSteps, volumes, threads, ConfigMerge.ConfigOption,
        };
        command.SetAction(parse =>
        {
            string root = Path.GetFullPath(parse.GetValue(outDir)!);
            PrepareFolder(root);
            string s = parse.GetValue(seed).ToString(CultureInfo.InvariantCulture);
            string t = parse.GetValue(threads).ToString(CultureInfo.InvariantCulture);
            string data = Path.Combine(root, "data", "phantom-ct");
            string captions = Path.Combine(root, "captions.jsonl");
            string embeddings = Path.Combine(root, "embeddings");
            // Tiny on purpose: a ResNet-10 at 1/8 width, 32×64×64 crops and the phantoms' native (coarse) spacing keep the
            // whole job to minutes on 2 cores.
            string[] encoder = { "--encoder-arch", "resnet10", "--width", "0.125" };
            var steps = new List<string[]>
            {
                new[] { "data", "phantoms", "--out", data, "--kind", "ct", "--count", parse.GetValue(volumes).ToString(CultureInfo.InvariantCulture), "--size", "32,96,96", "--seed", s },
                new[] { "caption", "--data", data, "--out", captions, "--per-volume", "2", "--seed", s },
                new[] { "embed-text", "--captions", captions, "--out", embeddings },
                new[] { "pretrain", "--data", data, "--captions", captions, "--text-embeddings", embeddings, "--objective", "gtgm",
                        "--encoder", "resnet10", "--width", "0.125", "--patch", "32,64,64", "--spacing", "native", "--batch-size", "4", "--lr", "1e-3",
                        "--steps", parse.GetValue(pretrainSteps).ToString(CultureInfo.InvariantCulture), "--checkpoint-every", "30",
                        "--seed", s, "--threads", t, "--name", "pretrain-gtgm", "--runs-dir", root },
            };
            foreach (var (name, start) in new[] { ("finetune-gtgm", Path.Combine(root, "pretrain-gtgm")), ("finetune-random", "random") })
            {
                steps.Add(new[] { "finetune", "--task", data, "--encoder", start }.Concat(encoder).Concat(new[]
                {
                    "--patch", "32,64,64", "--spacing", "native", "--batch-size", "2", "--steps", parse.GetValue(finetuneSteps).ToString(CultureInfo.InvariantCulture),
                    "--validate-every", "50", "--seed", s, "--threads", t, "--name", name, "--runs-dir", root,
                }).ToArray());
                steps.Add(new[] { "evaluate", "--run", Path.Combine(root, name), "--split", "val", "--threads", t });
            }

            foreach (var args in steps)
            {
                env.Error.WriteLine();
                env.Error.WriteLine("$ gtgm " + string.Join(' ', args.Select(Quote)));
                int code = CliApp.Run(args, env.Out, env.Error);
                if (code != ExitCodes.Success) return code;
            }

            var gtgm = EvaluationReport.FromCsv(Path.Combine(root, "finetune-gtgm", "val_results.csv"));
            var random = EvaluationReport.FromCsv(Path.Combine(root, "finetune-random", "val_results.csv"));
            var o = env.Out;
            o.WriteLine();
            o.WriteLine($"quickstart finished in {root}");
            o.WriteLine($"validation mean foreground Dice ({gtgm.Cases.Count} phantom cases, {parse.GetValue(finetuneSteps)} finetuning steps each):");
            o.WriteLine($"  GTGM-pretrained encoder  {gtgm.MeanForegroundDice.ToString("0.0000", CultureInfo.InvariantCulture)}");
            o.WriteLine($"  random-init encoder      {random.MeanForegroundDice.ToString("0.0000", CultureInfo.InvariantCulture)}");
            o.WriteLine("This is a smoke-scale run on phantoms, not a benchmark: see README for real-data results.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Clears an earlier quickstart (recognised by its marker file) but never a folder it didn't make.</summary>
    static void PrepareFolder(string root)
    {
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            if (!File.Exists(Path.Combine(root, Marker)))
                throw UserInputException.ForFile(root, "folder exists and was not made by quickstart; choose another --out");
            Directory.Delete(root, recursive: true);
        }
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, Marker), "Written by `gtgm quickstart`; the folder is replaced by the next quickstart run.\n");
    }

    static string Quote(string a) => a.Contains(' ') ? "\"" + a + "\"" : a;
}
