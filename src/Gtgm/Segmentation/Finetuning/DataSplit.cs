using System.Text.Json;
using System.Text.Json.Nodes;
using Gtgm.IO;
using Gtgm.Platform;

namespace Gtgm.Segmentation.Finetuning;

/// <summary>
/// The fixed train/validation split of a task's training cases, and the labelled subset actually trained on.
/// <list type="bullet">
/// <item>The cases are shuffled by the split seed; the last 20% (at least one case) are validation, the rest training.</item>
/// <item>The label fraction keeps the first ⌈fraction·n⌉ (at least one) of the shuffled training cases, so a 1%
/// subset is contained in the 10% one and runs with different training seeds share their labelled cases.</item>
/// <item>The test set is never part of the split: it is used for evaluation only.</item>
/// </list>
/// Saved as <c>splits.json</c> in the run folder.
/// </summary>
public sealed record DataSplit(int SplitSeed, double LabelFraction, IReadOnlyList<string> Train, IReadOnlyList<string> Validation,
    IReadOnlyList<string> UnlabelledTrain)
{
    public const string FileName = "splits.json";
    public const double ValidationShare = 0.2;

    public static DataSplit Make(IReadOnlyList<string> caseIds, int splitSeed, double labelFraction)
    {
        if (!(labelFraction > 0 && labelFraction <= 1))
            throw new UserInputException($"--label-fraction {labelFraction}: must be in (0, 1]");
        if (caseIds.Count < 2)
            throw new UserInputException($"a train/validation split needs at least 2 training cases, the task has {caseIds.Count}");
        var order = caseIds.OrderBy(id => id, StringComparer.Ordinal).ToArray();
        Rng.Stream(splitSeed, "split").Shuffle(order);
        int validation = Math.Max(1, (int)Math.Round(ValidationShare * order.Length));
        var train = order[..^validation];
        int labelled = Math.Max(1, (int)Math.Ceiling(labelFraction * train.Length - 1e-9));
        return new DataSplit(splitSeed, labelFraction, train[..labelled], order[^validation..], train[labelled..]);
    }

    public void Save(string path)
    {
        var json = new JsonObject
        {
            ["split_seed"] = SplitSeed,
            ["label_fraction"] = LabelFraction,
            ["train"] = Array(Train),
            ["val"] = Array(Validation),
            ["unlabelled_train"] = Array(UnlabelledTrain),
        };
        AtomicFile.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    public static DataSplit Load(string path)
    {
        if (!File.Exists(path)) throw UserInputException.ForFile(path, "missing: is this a finetuning run folder?");
        var j = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        static string[] Ids(JsonNode? n) => n!.AsArray().Select(v => v!.GetValue<string>()).ToArray();
        return new DataSplit(j["split_seed"]!.GetValue<int>(), j["label_fraction"]!.GetValue<double>(),
            Ids(j["train"]), Ids(j["val"]), Ids(j["unlabelled_train"]));
    }

    static JsonArray Array(IEnumerable<string> ids) => new(ids.Select(id => (JsonNode)JsonValue.Create(id)).ToArray());
}
