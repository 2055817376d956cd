using Gtgm.Imaging;

namespace Gtgm.Text.Slicing;

/// <summary>
/// One 2-D slice ready for a captioner: 8-bit grey values, row-major (<see cref="Height"/> × <see cref="Width"/>),
/// with what a caption may say about it. Grey level g stands for the intensity
/// <c>Window.Low + g / 255 · (Window.High − Window.Low)</c> in the volume's own units (HU for CT).
/// </summary>
/// <param name="Pixels">Grey values, row-major, length Height·Width.</param>
/// <param name="Axis">Plane the slice was cut in.</param>
/// <param name="Index">Index of the slice along the fixed axis of the source volume.</param>
/// <param name="RowSpacing">Physical size of one pixel step down a column, after resizing (in <see cref="Unit"/>).</param>
/// <param name="ColumnSpacing">Physical size of one pixel step along a row, after resizing.</param>
/// <param name="Unit">Length unit ("mm", or "nm" for EM).</param>
/// <param name="RowDirection">World (RAS) unit vector of increasing row index.</param>
/// <param name="ColumnDirection">World (RAS) unit vector of increasing column index.</param>
public sealed record SliceImage(
    byte[] Pixels, int Height, int Width, Modality Modality, SliceAxis Axis, int Index,
    double RowSpacing, double ColumnSpacing, string Unit, IntensityWindow Window,
    double[] RowDirection, double[] ColumnDirection)
{
    public byte this[int y, int x] => Pixels[y * Width + x];

    /// <summary>The intensity (volume units) a grey level stands for.</summary>
    public double Intensity(double grey) => Window.Low + grey / 255.0 * (Window.High - Window.Low);
}
