namespace Gtgm.Imaging.Nifti;

/// <summary>
/// Where each header field sits in NIfTI-1 (348 bytes, 16-bit dims, float32 reals) and NIfTI-2 (540 bytes,
/// 64-bit dims, float64 reals), so one parser and one encoder serve both versions.
/// </summary>
sealed record NiftiLayout(
    int Version, int HeaderSize, int DimOffset, int DimWidth, int RealWidth,
    int DataTypeOffset, int BitPixOffset, int IntentCodeOffset, int IntentCodeWidth, int PixDimOffset,
    int VoxOffsetOffset, int SclSlopeOffset, int SclInterOffset, int DescripOffset,
    int QformCodeOffset, int SformCodeOffset, int CodeWidth, int QuaternOffset, int SrowOffset,
    int XyztUnitsOffset, int XyztUnitsWidth, int MagicOffset, string Magic)
{
    public const int Nifti1Size = 348;
    public const int Nifti2Size = 540;
    public const int DescripLength = 80;

    public static readonly NiftiLayout Nifti1 = new(
        Version: 1, HeaderSize: Nifti1Size, DimOffset: 40, DimWidth: 2, RealWidth: 4,
        DataTypeOffset: 70, BitPixOffset: 72, IntentCodeOffset: 68, IntentCodeWidth: 2, PixDimOffset: 76,
        VoxOffsetOffset: 108, SclSlopeOffset: 112, SclInterOffset: 116, DescripOffset: 148,
        QformCodeOffset: 252, SformCodeOffset: 254, CodeWidth: 2, QuaternOffset: 256, SrowOffset: 280,
        XyztUnitsOffset: 123, XyztUnitsWidth: 1, MagicOffset: 344, Magic: "n+1\0");

    public static readonly NiftiLayout Nifti2 = new(
        Version: 2, HeaderSize: Nifti2Size, DimOffset: 16, DimWidth: 8, RealWidth: 8,
        DataTypeOffset: 12, BitPixOffset: 14, IntentCodeOffset: 504, IntentCodeWidth: 4, PixDimOffset: 104,
        VoxOffsetOffset: 168, SclSlopeOffset: 176, SclInterOffset: 184, DescripOffset: 240,
        QformCodeOffset: 344, SformCodeOffset: 348, CodeWidth: 4, QuaternOffset: 352, SrowOffset: 400,
        XyztUnitsOffset: 500, XyztUnitsWidth: 4, MagicOffset: 4, Magic: "n+2\0\r\n\u001a\n");

    /// <summary>NIfTI-1 stores vox_offset as a float; NIfTI-2 as an int64.</summary>
    public bool VoxOffsetIsReal => Version == 1;
}
