using Gtgm.Text.Slicing;

namespace Gtgm.Text.Captioners.Descriptive;

/// <summary>A bright or dark structure: its size and where it lies.</summary>
/// <param name="AreaPhysical">Area in squared slice units (mm², nm²).</param>
/// <param name="Diameter">Diameter of the disc of equal area, in slice units.</param>
/// <param name="Position">Anatomical or image position words, e.g. "left anterior" or "upper right".</param>
/// <param name="Peripheral">Radial position relative to the content's extent: 0 at its centroid, 1 at its rim.</param>
/// <param name="MeanIntensity">Mean intensity in volume units (HU for CT).</param>
public sealed record Structure(double AreaPhysical, double Diameter, string Position, double Peripheral, double MeanIntensity);

/// <summary>
/// What <see cref="DescriptiveCaptioner"/> says is measured here, on the 8-bit slice:
/// <list type="bullet">
/// <item>field of view: Height·RowSpacing × Width·ColumnSpacing;</item>
/// <item>content: pixels above <see cref="SliceSampler.ContentGrey"/>; its fraction, mean, standard deviation and
/// skewness (third standardised moment) of grey values;</item>
/// <item>bright structures: 4-connected components of content pixels above mean + 1 SD; dark structures:
/// components below mean − 1 SD that do not touch the image border (the border-connected dark region is the
/// background around the subject). A minimum size of <see cref="MinStructurePixels"/> pixels or
/// <see cref="MinStructureFraction"/> of the content, whichever is larger, keeps pixel noise from counting;</item>
/// <item>symmetry: Pearson correlation between the content's bounding box and its mirror image about the
/// box's vertical midline;</item>
/// <item>texture: mean gradient magnitude (central differences) over content divided by the content SD
/// ("roughness"), and the ratio of that gradient energy to the gradient energy after a 3×3 box blur
/// ("fineness": high when the variation lives at the pixel scale).</item>
/// </list>
/// </summary>
public sealed record SliceMeasurements(
    double FieldOfViewRows, double FieldOfViewColumns, double ContentFraction,
    double MeanGrey, double StdGrey, double Skewness, double MeanIntensity,
    IReadOnlyList<Structure> Bright, IReadOnlyList<Structure> Dark,
    double Symmetry, double Roughness, double Fineness)
{
    public const int MinStructurePixels = 6;
    public const double MinStructureFraction = 0.001;

    public static SliceMeasurements Measure(SliceImage slice)
    {
        int h = slice.Height, w = slice.Width, n = h * w;
        var g = slice.Pixels;
        var content = new bool[n];
        double sum = 0; int count = 0;
        for (int i = 0; i < n; i++)
            if (g[i] > SliceSampler.ContentGrey) { content[i] = true; sum += g[i]; count++; }
        double fovRows = h * slice.RowSpacing, fovColumns = w * slice.ColumnSpacing;
        if (count < MinStructurePixels)
            return new(fovRows, fovColumns, (double)count / n, 0, 0, 0, slice.Intensity(0),
                Array.Empty<Structure>(), Array.Empty<Structure>(), 1, 0, 0);

        double mean = sum / count, m2 = 0, m3 = 0;
        double cy = 0, cx = 0;
        for (int i = 0; i < n; i++)
        {
            if (!content[i]) continue;
            double d = g[i] - mean;
            m2 += d * d; m3 += d * d * d;
            cy += i / w; cx += i % w;
        }
        double std = Math.Sqrt(m2 / count);
        double skew = std > 1e-9 ? m3 / count / (std * std * std) : 0;
        cy /= count; cx /= count;
        double radius = ContentRadius(content, h, w, cy, cx);

        var brightMask = new bool[n];
        var darkMask = new bool[n];
        for (int i = 0; i < n; i++)
        {
            brightMask[i] = content[i] && g[i] > mean + std && std > 0;
            darkMask[i] = g[i] < mean - std && std > 0;
        }
        int minArea = Math.Max(MinStructurePixels, (int)Math.Ceiling(MinStructureFraction * count));
        var bright = Structures(ConnectedComponents.Find(brightMask, g, h, w), slice, cy, cx, radius, minArea, keepBorder: true);
        var dark = Structures(ConnectedComponents.Find(darkMask, g, h, w), slice, cy, cx, radius, minArea, keepBorder: false);

        var (roughness, fineness) = MeasureTexture(g, BoxFilter3(g, h, w), content, h, w, std);
        return new(fovRows, fovColumns, (double)count / n, mean, std, skew, slice.Intensity(mean),
            bright, dark, MirrorCorrelation(g, content, h, w), roughness, fineness);
    }

    static List<Structure> Structures(List<Component> components, SliceImage slice, double cy, double cx, double radius, int minArea, bool keepBorder)
    {
        double pixelArea = slice.RowSpacing * slice.ColumnSpacing;
        return components
            .Where(c => c.Area >= minArea && (keepBorder || !c.TouchesBorder))
            .OrderByDescending(c => c.Area)
            .Select(c =>
            {
                double area = c.Area * pixelArea;
                double dy = c.CentroidRow - cy, dx = c.CentroidColumn - cx;
                double peripheral = radius > 0 ? Math.Min(1, Math.Sqrt(dy * dy + dx * dx) / radius) : 0;
                return new Structure(area, 2 * Math.Sqrt(area / Math.PI),
                    SlicePositions.Describe(slice, dy * slice.RowSpacing, dx * slice.ColumnSpacing, peripheral),
                    peripheral, slice.Intensity(c.MeanGrey));
            })
            .ToList();
    }

    // The content's 95th-percentile distance from its centroid: its "rim", robust to stray pixels.
    static double ContentRadius(bool[] content, int h, int w, double cy, double cx)
    {
        var distances = new List<double>();
        for (int i = 0; i < content.Length; i++)
            if (content[i]) distances.Add(Math.Sqrt((i / w - cy) * (i / w - cy) + (i % w - cx) * (i % w - cx)));
        distances.Sort();
        return distances[(int)(0.95 * (distances.Count - 1))];
    }

    static double MirrorCorrelation(byte[] g, bool[] content, int h, int w)
    {
        int top = h, bottom = -1, left = w, right = -1;
        for (int i = 0; i < content.Length; i++)
        {
            if (!content[i]) continue;
            int y = i / w, x = i % w;
            top = Math.Min(top, y); bottom = Math.Max(bottom, y);
            left = Math.Min(left, x); right = Math.Max(right, x);
        }
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0; int n = 0;
        for (int y = top; y <= bottom; y++)
            for (int x = left; x <= right; x++)
            {
                double a = g[y * w + x], b = g[y * w + (left + right - x)];
                sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b; n++;
            }
        double cov = sab / n - sa / n * (sb / n);
        double va = saa / n - sa / n * (sa / n), vb = sbb / n - sb / n * (sb / n);
        return va > 1e-9 && vb > 1e-9 ? cov / Math.Sqrt(va * vb) : 1;
    }

    // 3×3 mean; border pixels keep their own value.
    static float[] BoxFilter3(byte[] g, int h, int w)
    {
        var filtered = new float[g.Length];
        for (int i = 0; i < g.Length; i++) filtered[i] = g[i];
        for (int y = 1; y < h - 1; y++)
            for (int x = 1; x < w - 1; x++)
            {
                int s = 0;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++) s += g[(y + dy) * w + x + dx];
                filtered[y * w + x] = s / 9f;
            }
        return filtered;
    }

    static (double Roughness, double Fineness) MeasureTexture(byte[] g, float[] blurred, bool[] content, int h, int w, double std)
    {
        if (h < 5 || w < 5 || std <= 1e-9) return (0, 0);
        double raw = 0, smooth = 0; int n = 0;
        for (int y = 2; y < h - 2; y++)
            for (int x = 2; x < w - 2; x++)
            {
                int i = y * w + x;
                if (!content[i]) continue;
                raw += Gradient(i => g[i], i, w);
                smooth += Gradient(i => blurred[i], i, w);
                n++;
            }
        if (n == 0) return (0, 0);
        return (raw / n / std, smooth > 1e-9 ? raw / smooth : 0);
    }

    static double Gradient(Func<int, double> at, int i, int w)
    {
        double gx = (at(i + 1) - at(i - 1)) / 2, gy = (at(i + w) - at(i - w)) / 2;
        return Math.Sqrt(gx * gx + gy * gy);
    }
}
