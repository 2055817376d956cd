using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Gtgm.Reporting;

/// <summary>
/// <c>metrics.jsonl</c>: one JSON object per line, <c>{"step": N, "name": value, ...}</c>. Each record is
/// written with a single append and flushed, so a killed run leaves only whole lines behind.
/// </summary>
public sealed class MetricsLog
{
    public string Path { get; }

    public MetricsLog(string path) => Path = path;

    public void Append(long step, IReadOnlyDictionary<string, double> values)
    {
        var sb = new StringBuilder();
        sb.Append("{\"step\":").Append(step.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in values)
        {
            sb.Append(',').Append(JsonSerializer.Serialize(name)).Append(':');
            sb.Append(double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "null");
        }
        sb.Append("}\n");
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Reads every record; a trailing partial line (from a crash mid-write) is ignored.</summary>
    public IReadOnlyList<MetricsRecord> Read()
    {
        var records = new List<MetricsRecord>();
        if (!File.Exists(Path)) return records;
        string text = File.ReadAllText(Path);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || !line.EndsWith('}')) continue;
            using var doc = JsonDocument.Parse(line);
            long step = doc.RootElement.GetProperty("step").GetInt64();
            var values = new Dictionary<string, double>();
            foreach (var p in doc.RootElement.EnumerateObject())
                if (p.Name != "step") values[p.Name] = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : double.NaN;
            records.Add(new MetricsRecord(step, values));
        }
        return records;
    }

    /// <summary>Drops records after <paramref name="step"/>, so a resumed run continues one unbroken curve.</summary>
    public void TruncateAfter(long step)
    {
        if (!File.Exists(Path)) return;
        var kept = File.ReadAllText(Path).Split('\n')
            .Where(l => l.EndsWith('}'))
            .Where(l => { using var d = JsonDocument.Parse(l); return d.RootElement.GetProperty("step").GetInt64() <= step; });
        IO.AtomicFile.WriteAllText(Path, string.Concat(kept.Select(l => l + "\n")));
    }
}

public sealed record MetricsRecord(long Step, IReadOnlyDictionary<string, double> Values);
