namespace Gtgm.Imaging.Nifti;

/// <summary>The NIfTI <c>datatype</c> codes (nifti1.h), with the voxel types this reader converts.</summary>
public enum NiftiDataType : short
{
    Binary = 1,
    UInt8 = 2,
    Int16 = 4,
    Int32 = 8,
    Float32 = 16,
    Complex64 = 32,
    Float64 = 64,
    Rgb24 = 128,
    Int8 = 256,
    UInt16 = 512,
    UInt32 = 768,
    Int64 = 1024,
    UInt64 = 1280,
    Float128 = 1536,
    Complex128 = 1792,
    Complex256 = 2048,
    Rgba32 = 2304,
}

public static class NiftiDataTypes
{
    /// <summary>Bytes per voxel of a scalar type this reader supports, or 0 for one it does not.</summary>
    public static int ScalarSize(NiftiDataType type) => type switch
    {
        NiftiDataType.UInt8 or NiftiDataType.Int8 => 1,
        NiftiDataType.Int16 or NiftiDataType.UInt16 => 2,
        NiftiDataType.Int32 or NiftiDataType.UInt32 or NiftiDataType.Float32 => 4,
        NiftiDataType.Int64 or NiftiDataType.UInt64 or NiftiDataType.Float64 => 8,
        _ => 0,
    };

    public static bool IsFloat(NiftiDataType type) => type is NiftiDataType.Float32 or NiftiDataType.Float64;

    /// <summary>The lower-case name tools print (nibabel/NumPy style): "uint8", "int16", "float32", ...</summary>
    public static string Name(NiftiDataType type) => type switch
    {
        NiftiDataType.UInt8 => "uint8",
        NiftiDataType.Int8 => "int8",
        NiftiDataType.Int16 => "int16",
        NiftiDataType.UInt16 => "uint16",
        NiftiDataType.Int32 => "int32",
        NiftiDataType.UInt32 => "uint32",
        NiftiDataType.Int64 => "int64",
        NiftiDataType.UInt64 => "uint64",
        NiftiDataType.Float32 => "float32",
        NiftiDataType.Float64 => "float64",
        NiftiDataType.Binary => "binary (1 bit)",
        NiftiDataType.Complex64 => "complex64",
        NiftiDataType.Complex128 => "complex128",
        NiftiDataType.Complex256 => "complex256",
        NiftiDataType.Float128 => "float128",
        NiftiDataType.Rgb24 => "RGB24",
        NiftiDataType.Rgba32 => "RGBA32",
        _ => $"unknown datatype code {(short)type}",
    };
}
