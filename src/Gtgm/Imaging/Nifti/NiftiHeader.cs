using System.Text;

namespace Gtgm.Imaging.Nifti;

/// <summary>
/// The fields of a NIfTI-1 or NIfTI-2 header that locate and scale the voxels. Values are held in their widest
/// form (int64 dims, float64 reals) whatever the version on disk.
/// </summary>
public sealed class NiftiHeader
{
    public int Version { get; init; } = 1;
    public bool BigEndian { get; init; }
    public NiftiDataType DataType { get; init; }
    /// <summary>dim[0..7]: dim[0] is the rank, dim[1..3] are x, y, z, dim[4..] time/components.</summary>
    public long[] Dim { get; init; } = new long[8];
    /// <summary>pixdim[0..7]: pixdim[0] is qfac (±1), pixdim[1..3] the voxel size.</summary>
    public double[] PixDim { get; init; } = new double[8];
    public long VoxOffset { get; init; }
    public double SclSlope { get; init; }
    public double SclInter { get; init; }
    public int IntentCode { get; init; }
    public int QformCode { get; init; }
    public int SformCode { get; init; }
    /// <summary>quatern_b, quatern_c, quatern_d, qoffset_x, qoffset_y, qoffset_z.</summary>
    public double[] Quatern { get; init; } = new double[6];
    /// <summary>srow_x, srow_y, srow_z: the first three rows of the sform, row-major.</summary>
    public double[] Srow { get; init; } = new double[12];
    public int XyztUnits { get; init; }
    public string Description { get; init; } = "";

    public int Rank => (int)Dim[0];
    public long Width => DimOrOne(1);
    public long Height => DimOrOne(2);
    public long Depth => DimOrOne(3);

    /// <summary>Everything past the three spatial dimensions (time points, MSD modalities, vector components).</summary>
    public long Channels
    {
        get
        {
            long c = 1;
            for (int i = 4; i <= Rank; i++) c *= Dim[i];
            return c;
        }
    }

    public long ElementCount => Width * Height * Depth * Channels;
    public long DataBytes => ElementCount * NiftiDataTypes.ScalarSize(DataType);

    /// <summary>The scaling nibabel applies: none when the slope is 0 or not finite.</summary>
    public (double Slope, double Inter)? Scaling =>
        SclSlope == 0 || !double.IsFinite(SclSlope) ? null : (SclSlope, SclInter);

    /// <summary>Length unit of pixdim and the affine, from xyzt_units (unknown is read as mm, as every tool does).</summary>
    public string SpatialUnit => (XyztUnits & 7) switch
    {
        1 => "m",
        3 => "um",
        _ => "mm",
    };

    long DimOrOne(int i) => i <= Rank ? Dim[i] : 1;

    /// <summary>Parses and validates a header; <paramref name="bytes"/> holds at least the first 540 bytes where the file has them.</summary>
    public static NiftiHeader Parse(Span<byte> bytes, string path)
    {
        if (bytes.Length < NiftiLayout.Nifti1Size)
            throw UserInputException.ForFile(path, $"too short for a NIfTI header ({bytes.Length} bytes; a NIfTI-1 header alone is {NiftiLayout.Nifti1Size})");
        var (layout, bigEndian) = Detect(bytes, path);
        if (bytes.Length < layout.HeaderSize)
            throw UserInputException.ForFile(path, $"too short for a NIfTI-2 header ({bytes.Length} bytes of {layout.HeaderSize})");
        var f = new HeaderFields(bytes, bigEndian);
        CheckMagic(bytes, layout, path);

        var dim = new long[8];
        var pixdim = new double[8];
        for (int i = 0; i < 8; i++)
        {
            dim[i] = f.Int(layout.DimOffset + i * layout.DimWidth, layout.DimWidth);
            pixdim[i] = f.Real(layout.PixDimOffset + i * layout.RealWidth, layout.RealWidth);
        }
        if (dim[0] is < 1 or > 7)
            throw UserInputException.ForFile(path, $"invalid NIfTI header: dim[0] (the number of dimensions) is {dim[0]}, must be 1..7");
        for (int i = 1; i <= dim[0]; i++)
            if (dim[i] < 1)
                throw UserInputException.ForFile(path, $"invalid NIfTI header: dim[{i}] is {dim[i]}, every dimension must be at least 1");

        var type = (NiftiDataType)f.Int(layout.DataTypeOffset, 2);
        if (NiftiDataTypes.ScalarSize(type) == 0)
            throw UserInputException.ForFile(path, $"unsupported NIfTI datatype {NiftiDataTypes.Name(type)} (code {(short)type}): "
                + "only real scalar voxels are read (uint8, int8, int16, uint16, int32, uint32, int64, uint64, float32, float64); "
                + "complex, RGB and 1-bit images are not volumes this project can use");

        double voxOffsetRaw = layout.VoxOffsetIsReal ? f.Real(layout.VoxOffsetOffset, 4) : f.Int(layout.VoxOffsetOffset, 8);
        long voxOffset = (long)voxOffsetRaw;
        if (voxOffset < layout.HeaderSize || voxOffset != voxOffsetRaw)
            throw UserInputException.ForFile(path, $"invalid NIfTI header: vox_offset is {voxOffsetRaw}, must be a whole number of bytes at or after the {layout.HeaderSize}-byte header");

        var quatern = new double[6];
        for (int i = 0; i < 6; i++) quatern[i] = f.Real(layout.QuaternOffset + i * layout.RealWidth, layout.RealWidth);
        var srow = new double[12];
        for (int i = 0; i < 12; i++) srow[i] = f.Real(layout.SrowOffset + i * layout.RealWidth, layout.RealWidth);

        return new NiftiHeader
        {
            Version = layout.Version,
            BigEndian = bigEndian,
            DataType = type,
            Dim = dim,
            PixDim = pixdim,
            VoxOffset = voxOffset,
            SclSlope = f.Real(layout.SclSlopeOffset, layout.RealWidth),
            SclInter = f.Real(layout.SclInterOffset, layout.RealWidth),
            IntentCode = (int)f.Int(layout.IntentCodeOffset, layout.IntentCodeWidth),
            QformCode = (int)f.Int(layout.QformCodeOffset, layout.CodeWidth),
            SformCode = (int)f.Int(layout.SformCodeOffset, layout.CodeWidth),
            Quatern = quatern,
            Srow = srow,
            XyztUnits = (int)f.Int(layout.XyztUnitsOffset, layout.XyztUnitsWidth),
            Description = Encoding.ASCII.GetString(bytes.Slice(layout.DescripOffset, NiftiLayout.DescripLength)).TrimEnd('\0'),
        };
    }

    /// <summary>The header followed by a zero extension flag and padding up to <see cref="VoxOffset"/>.</summary>
    public byte[] Encode()
    {
        var layout = Version == 2 ? NiftiLayout.Nifti2 : NiftiLayout.Nifti1;
        if (VoxOffset < layout.HeaderSize + 4) throw new InvalidOperationException($"vox_offset {VoxOffset} leaves no room for the header and extension flag.");
        var bytes = new byte[VoxOffset];
        var f = new HeaderFields(bytes, BigEndian);
        f.SetInt(0, 4, layout.HeaderSize);
        Encoding.ASCII.GetBytes(layout.Magic).CopyTo(bytes, layout.MagicOffset);
        f.SetInt(layout.DataTypeOffset, 2, (short)DataType);
        f.SetInt(layout.BitPixOffset, 2, 8 * NiftiDataTypes.ScalarSize(DataType));
        f.SetInt(layout.IntentCodeOffset, layout.IntentCodeWidth, IntentCode);
        for (int i = 0; i < 8; i++)
        {
            f.SetInt(layout.DimOffset + i * layout.DimWidth, layout.DimWidth, Dim[i]);
            f.SetReal(layout.PixDimOffset + i * layout.RealWidth, layout.RealWidth, PixDim[i]);
        }
        if (layout.VoxOffsetIsReal) f.SetReal(layout.VoxOffsetOffset, 4, VoxOffset);
        else f.SetInt(layout.VoxOffsetOffset, 8, VoxOffset);
        f.SetReal(layout.SclSlopeOffset, layout.RealWidth, SclSlope);
        f.SetReal(layout.SclInterOffset, layout.RealWidth, SclInter);
        f.SetInt(layout.QformCodeOffset, layout.CodeWidth, QformCode);
        f.SetInt(layout.SformCodeOffset, layout.CodeWidth, SformCode);
        for (int i = 0; i < 6; i++) f.SetReal(layout.QuaternOffset + i * layout.RealWidth, layout.RealWidth, Quatern[i]);
        for (int i = 0; i < 12; i++) f.SetReal(layout.SrowOffset + i * layout.RealWidth, layout.RealWidth, Srow[i]);
        f.SetInt(layout.XyztUnitsOffset, layout.XyztUnitsWidth, XyztUnits);
        var descrip = Encoding.ASCII.GetBytes(Description);
        descrip.AsSpan(0, Math.Min(descrip.Length, NiftiLayout.DescripLength - 1)).CopyTo(bytes.AsSpan(layout.DescripOffset));
        return bytes;
    }

    static (NiftiLayout Layout, bool BigEndian) Detect(Span<byte> bytes, string path)
    {
        var le = new HeaderFields(bytes, false).Int(0, 4);
        var be = new HeaderFields(bytes, true).Int(0, 4);
        if (le == NiftiLayout.Nifti1Size) return (NiftiLayout.Nifti1, false);
        if (be == NiftiLayout.Nifti1Size) return (NiftiLayout.Nifti1, true);
        if (le == NiftiLayout.Nifti2Size) return (NiftiLayout.Nifti2, false);
        if (be == NiftiLayout.Nifti2Size) return (NiftiLayout.Nifti2, true);
        throw UserInputException.ForFile(path, $"not a NIfTI file: the header size field is {le}, expected {NiftiLayout.Nifti1Size} (NIfTI-1) or {NiftiLayout.Nifti2Size} (NIfTI-2) in either byte order");
    }

    static void CheckMagic(Span<byte> bytes, NiftiLayout layout, string path)
    {
        string magic = Encoding.ASCII.GetString(bytes.Slice(layout.MagicOffset, layout.Magic.Length));
        if (magic == layout.Magic) return;
        string pair = layout.Version == 1 ? "ni1\0" : "ni2\0";
        if (magic.StartsWith(pair, StringComparison.Ordinal))
            throw UserInputException.ForFile(path, "is the header of a .hdr/.img pair; only single-file NIfTI (.nii, .nii.gz) is read");
        throw UserInputException.ForFile(path, $"wrong NIfTI magic \"{Printable(magic)}\" (expected \"{Printable(layout.Magic)}\"): not a NIfTI-{layout.Version} file or a corrupt header");
    }

    static string Printable(string s) => new(s.TakeWhile(ch => ch != '\0').Select(ch => char.IsControl(ch) ? '?' : ch).ToArray());
}
