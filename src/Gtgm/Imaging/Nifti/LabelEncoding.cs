using System.Runtime.InteropServices;

namespace Gtgm.Imaging.Nifti;

/// <summary>Label maps on disk: the smallest of uint8, int16 and int32 that holds every value, little-endian.</summary>
static class LabelEncoding
{
    public static (NiftiDataType Type, byte[] Bytes) Smallest(int[] labels)
    {
        int min = 0, max = 0;
        foreach (int v in labels) { if (v < min) min = v; if (v > max) max = v; }
        if (min >= 0 && max <= byte.MaxValue)
            return (NiftiDataType.UInt8, labels.Select(v => (byte)v).ToArray());
        if (min >= short.MinValue && max <= short.MaxValue)
            return (NiftiDataType.Int16, MemoryMarshal.AsBytes(labels.Select(v => (short)v).ToArray().AsSpan()).ToArray());
        return (NiftiDataType.Int32, MemoryMarshal.AsBytes(labels.AsSpan()).ToArray());
    }
}
