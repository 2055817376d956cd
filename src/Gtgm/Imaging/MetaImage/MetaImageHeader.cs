using System.Globalization;
using Gtgm.Imaging.Nifti;

namespace Gtgm.Imaging.MetaImage;

/// <summary>
/// The text header of a MetaImage (.mhd, or .mha with the data after it): "Key = Value" lines, ending with
/// ElementDataFile. Only what locates and decodes the voxels is kept.
/// </summary>
public sealed class MetaImageHeader
{
    public int[] DimSize { get; init; } = Array.Empty<int>();
    public double[] ElementSpacing { get; init; } = Array.Empty<double>();
    public double[] Offset { get; init; } = Array.Empty<double>();
    /// <summary>Row i is the world (LPS) direction of voxel axis i (ITK's MetaImageIO convention).</summary>
    public double[] TransformMatrix { get; init; } = Array.Empty<double>();
    public NiftiDataType ElementType { get; init; }
    public int Channels { get; init; } = 1;
    public bool BigEndian { get; init; }
    public bool Compressed { get; init; }
    /// <summary>Path of the voxel file, or null for LOCAL (the data follows the header in the same file).</summary>
    public string? DataFile { get; init; }
    /// <summary>Where the header ends in its own file (where LOCAL data starts).</summary>
    public long HeaderLength { get; init; }

    public static readonly IReadOnlyDictionary<string, NiftiDataType> ElementTypes = new Dictionary<string, NiftiDataType>
    {
        ["MET_UCHAR"] = NiftiDataType.UInt8,
        ["MET_CHAR"] = NiftiDataType.Int8,
        ["MET_SHORT"] = NiftiDataType.Int16,
        ["MET_USHORT"] = NiftiDataType.UInt16,
        ["MET_INT"] = NiftiDataType.Int32,
        ["MET_UINT"] = NiftiDataType.UInt32,
        ["MET_LONG_LONG"] = NiftiDataType.Int64,
        ["MET_ULONG_LONG"] = NiftiDataType.UInt64,
        ["MET_FLOAT"] = NiftiDataType.Float32,
        ["MET_DOUBLE"] = NiftiDataType.Float64,
    };

    public static string ElementTypeName(NiftiDataType type) => ElementTypes.First(p => p.Value == type).Key;

    public long ElementCount => DimSize.Aggregate(1L, (a, d) => a * d) * Channels;

    public static MetaImageHeader Read(string path)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        long length = 0;
        using (var stream = File.OpenRead(path))
        {
            var line = new List<byte>();
            int b;
            while ((b = stream.ReadByte()) >= 0)
            {
                length++;
                if (b != '\n') { line.Add((byte)b); if (line.Count > 4096) throw Bad(path, "has a header line over 4096 characters: not a MetaImage header"); continue; }
                if (AddField(fields, System.Text.Encoding.ASCII.GetString(line.ToArray()), path)) break;
                line.Clear();
            }
            if (b < 0 && line.Count > 0) AddField(fields, System.Text.Encoding.ASCII.GetString(line.ToArray()), path);
        }
        return FromFields(fields, path, length);
    }

    /// <summary>Adds one "Key = Value" line; true when it was ElementDataFile, the last header line.</summary>
    static bool AddField(Dictionary<string, string> fields, string line, string path)
    {
        line = line.TrimEnd('\r').Trim();
        if (line.Length == 0) return false;
        int eq = line.IndexOf('=');
        if (eq <= 0) throw Bad(path, $"header line \"{line}\" is not \"Key = Value\"");
        string key = line[..eq].Trim();
        fields[key] = line[(eq + 1)..].Trim();
        return key.Equals("ElementDataFile", StringComparison.OrdinalIgnoreCase);
    }

    static MetaImageHeader FromFields(Dictionary<string, string> f, string path, long headerLength)
    {
        string Need(string key) => f.TryGetValue(key, out var v) ? v : throw Bad(path, $"MetaImage header has no {key}");
        int nDims = Ints(Need("NDims"), "NDims", path)[0];
        if (nDims is < 2 or > 4) throw Bad(path, $"NDims is {nDims}; 2-, 3- and 4-D images are read");
        var dims = Ints(Need("DimSize"), "DimSize", path);
        if (dims.Length != nDims || dims.Any(d => d < 1)) throw Bad(path, $"DimSize \"{f["DimSize"]}\" must be {nDims} positive numbers");
        string typeName = Need("ElementType");
        if (!ElementTypes.TryGetValue(typeName, out var type))
            throw Bad(path, $"unsupported ElementType {typeName}; supported: {string.Join(", ", ElementTypes.Keys)}");
        string order = f.GetValueOrDefault("BinaryDataByteOrderMSB") ?? f.GetValueOrDefault("ElementByteOrderMSB") ?? "False";
        string dataFile = Need("ElementDataFile");
        if (dataFile.StartsWith("LIST", StringComparison.OrdinalIgnoreCase) || dataFile.Contains('%'))
            throw Bad(path, $"ElementDataFile \"{dataFile}\" names a list of slice files; only one data file (or LOCAL) is read");
        var spacing = f.TryGetValue("ElementSpacing", out var s) ? Reals(s, "ElementSpacing", path)
            : f.TryGetValue("ElementSize", out var es) ? Reals(es, "ElementSize", path) : Enumerable.Repeat(1.0, nDims).ToArray();
        var offset = f.TryGetValue("Offset", out var o) || f.TryGetValue("Origin", out o) || f.TryGetValue("Position", out o)
            ? Reals(o, "Offset", path) : new double[nDims];
        var matrix = f.TryGetValue("TransformMatrix", out var m) || f.TryGetValue("Rotation", out m) || f.TryGetValue("Orientation", out m)
            ? Reals(m, "TransformMatrix", path) : Identity(nDims);
        if (spacing.Length < nDims || offset.Length < nDims || matrix.Length != nDims * nDims)
            throw Bad(path, $"ElementSpacing, Offset and TransformMatrix must have {nDims}, {nDims} and {nDims * nDims} values");
        return new MetaImageHeader
        {
            DimSize = dims,
            ElementSpacing = spacing,
            Offset = offset,
            TransformMatrix = matrix,
            ElementType = type,
            Channels = f.TryGetValue("ElementNumberOfChannels", out var c) ? Ints(c, "ElementNumberOfChannels", path)[0] : 1,
            BigEndian = order.Equals("True", StringComparison.OrdinalIgnoreCase),
            Compressed = (f.GetValueOrDefault("CompressedData") ?? "False").Equals("True", StringComparison.OrdinalIgnoreCase),
            DataFile = dataFile.Equals("LOCAL", StringComparison.OrdinalIgnoreCase) ? null
                : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, dataFile),
            HeaderLength = headerLength,
        };
    }

    static double[] Identity(int n) => Enumerable.Range(0, n * n).Select(i => i / n == i % n ? 1.0 : 0.0).ToArray();

    static int[] Ints(string value, string key, string path) =>
        Reals(value, key, path).Select(v => v == Math.Floor(v) && Math.Abs(v) <= int.MaxValue ? (int)v : throw Bad(path, $"{key} \"{value}\" must be whole numbers")).ToArray();

    static double[] Reals(string value, string key, string path) =>
        value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(path, $"{key} \"{value}\" is not a list of numbers"))
            .ToArray();

    static UserInputException Bad(string path, string problem) => UserInputException.ForFile(path, problem);
}
