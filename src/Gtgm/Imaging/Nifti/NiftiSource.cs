using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Gtgm.Imaging.Nifti;

/// <summary>
/// An open NIfTI file (plain or gzip, recognised by its bytes, not its name): the parsed header, then the voxel
/// bytes in order. It tells a truncated file from a header whose dimensions do not match the data.
/// </summary>
sealed class NiftiSource : IDisposable
{
    readonly FileStream _file;
    readonly Stream _stream;
    readonly bool _gzip;
    uint? _gzipSizeTrailer;
    byte[]? _compressed;
    long _dataRead;

    /// <summary>
    /// Compressed files up to this size are read whole into a pooled buffer with one large read and inflated from
    /// memory: for the many small files of a data set this halves the per-file cost against streaming from disk.
    /// </summary>
    const long WholeReadLimit = 1L << 30;

    public string Path { get; }
    public NiftiHeader Header { get; }

    public NiftiSource(string path)
    {
        Path = path;
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int m = _file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            _gzip = m == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            _file.Seek(0, SeekOrigin.Begin);
            _stream = _gzip ? new GZipStream(CompressedInput(), CompressionMode.Decompress) : new BufferedStream(_file, 1 << 16);
            Header = ReadHeader();
            Skip(Header.VoxOffset - (Header.Version == 2 ? NiftiLayout.Nifti2Size : NiftiLayout.Nifti1Size));
        }
        catch
        {
            _file.Dispose();
            if (_compressed != null) ArrayPool<byte>.Shared.Return(_compressed);
            throw;
        }
    }

    public bool Compressed => _gzip;

    Stream CompressedInput()
    {
        long length = _file.Length;
        if (length >= 18)
        {
            // ISIZE, the uncompressed length mod 2³², ends every gzip member.
            Span<byte> trailer = stackalloc byte[4];
            _file.Seek(-4, SeekOrigin.End);
            _file.ReadExactly(trailer);
            _gzipSizeTrailer = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            _file.Seek(0, SeekOrigin.Begin);
        }
        if (length > WholeReadLimit) return new BufferedStream(_file, 1 << 20);
        _compressed = ArrayPool<byte>.Shared.Rent((int)length);
        _file.ReadExactly(_compressed, 0, (int)length);
        return new MemoryStream(_compressed, 0, (int)length, writable: false);
    }

    NiftiHeader ReadHeader()
    {
        var bytes = new byte[NiftiLayout.Nifti2Size];
        int n = Fill(bytes.AsSpan(0, NiftiLayout.Nifti1Size));
        if (n == NiftiLayout.Nifti1Size && BinaryPrimitives.ReadInt32LittleEndian(bytes) is var size
            && (size == NiftiLayout.Nifti2Size || BinaryPrimitives.ReverseEndianness(size) == NiftiLayout.Nifti2Size))
            n += Fill(bytes.AsSpan(NiftiLayout.Nifti1Size));
        return NiftiHeader.Parse(bytes.AsSpan(0, n), Path);
    }

    void Skip(long count)
    {
        var scratch = new byte[Math.Min(count, 1 << 16)];
        while (count > 0)
        {
            int want = (int)Math.Min(count, scratch.Length);
            if (Fill(scratch.AsSpan(0, want)) < want)
                throw UserInputException.ForFile(Path, $"ends before its voxel data starts (vox_offset {Header.VoxOffset})");
            count -= want;
        }
    }

    /// <summary>Fills <paramref name="destination"/> with the next voxel bytes; a short file is reported as what it is.</summary>
    public void ReadData(Span<byte> destination)
    {
        int got = Fill(destination);
        _dataRead += got;
        if (got < destination.Length) throw ShortData();
    }

    /// <summary>After all voxels were read: the file must end here, or its header undercounts the data.</summary>
    public void RequireEnd()
    {
        Span<byte> probe = stackalloc byte[1];
        if (Fill(probe) == 0) return;
        long extra = _gzip ? -1 : _file.Length - Header.VoxOffset - Header.DataBytes;
        throw UserInputException.ForFile(Path, $"header dimensions {DescribeDims()} ({NiftiDataTypes.Name(Header.DataType)}) account for {Header.DataBytes} bytes of voxel data, but the file holds "
            + (extra > 0 ? $"{extra} more" : "more") + ": the header does not match the data");
    }

    Exception ShortData()
    {
        long total = Header.VoxOffset + _dataRead;
        bool streamComplete = !_gzip || _gzipSizeTrailer == (uint)total;
        if (!streamComplete)
            return UserInputException.ForFile(Path, $"truncated or corrupt gzip data: the stream ends after {total} uncompressed bytes, its trailer says {_gzipSizeTrailer?.ToString() ?? "nothing"}; the header needs {Header.VoxOffset + Header.DataBytes}");
        return UserInputException.ForFile(Path, $"header dimensions {DescribeDims()} ({NiftiDataTypes.Name(Header.DataType)}) need {Header.DataBytes} bytes of voxel data, but the file holds only {_dataRead}: "
            + "the header does not match the data (or the file is truncated)");
    }

    string DescribeDims() => string.Join("×", Header.Dim.Skip(1).Take(Header.Rank));

    int Fill(Span<byte> destination)
    {
        try
        {
            return _stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new UserInputException($"{Path}: corrupt gzip data ({e.Message})", e);
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _file.Dispose();
        if (_compressed != null) ArrayPool<byte>.Shared.Return(_compressed);
        _compressed = null;
    }
}
