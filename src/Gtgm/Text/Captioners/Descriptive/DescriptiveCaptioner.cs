using System.Globalization;
using Gtgm.Imaging;
using Gtgm.Text.Slicing;

namespace Gtgm.Text.Captioners.Descriptive;

/// <summary>
/// A measurement-based template captioner: NOT a learned model and needs no weights. It measures the slice
/// (<see cref="SliceMeasurements"/>: field of view, intensity distribution, bright and dark connected structures
/// with size and position, symmetry, texture) and writes medical-style sentences from those numbers. The
/// random source only chooses among equivalent phrasings and the order of the descriptive sentences; every
/// fact stated comes from the measurements, so different slices give different text and one seed one text.
/// It is GTGM's offline default where no BLIP checkpoint is available.
/// </summary>
public sealed class DescriptiveCaptioner : ICaptioner
{
    public const string Identity = "descriptive-v1";
    const int MaxStructuresNamed = 3;
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public string Id => Identity;

    /// <summary>Measures at the slice's native resolution, so sizes are not blurred by resampling.</summary>
    public int? InputSize => null;

    public IReadOnlyList<string> Caption(IReadOnlyList<SliceImage> slices, Random random) =>
        slices.Select(s => Caption(s, random)).ToList();

    public string Caption(SliceImage slice, Random random)
    {
        var m = SliceMeasurements.Measure(slice);
        var words = ModalityWording.For(slice.Modality);
        var sentences = new List<string> { Opening(slice, m, words, random) };
        if (m.ContentFraction * slice.Pixels.Length < SliceMeasurements.MinStructurePixels)
        {
            sentences.Add(Pick(random, "no tissue is visible above the background.", "the slice contains only background, without discernible structure."));
            return string.Join(" ", sentences);
        }
        var body = new List<string>
        {
            Distribution(slice, m, words, random),
            StructuresSentence(slice, m.Bright, words.BrightThings, words.Bright, random),
            StructuresSentence(slice, m.Dark, words.DarkThings, words.Dark, random),
            Texture(m, random),
        };
        if (slice.Modality != Modality.EM) body.Add(Symmetry(slice, m, random));
        // Order after the opening is free: shuffling it varies the text without changing a fact.
        sentences.AddRange(body.OrderBy(_ => random.Next()));
        return string.Join(" ", sentences);
    }

    static string Opening(SliceImage slice, SliceMeasurements m, ModalityWording words, Random random)
    {
        string plane = slice.Modality == Modality.EM ? "" : slice.Axis.Name() + " ";
        string image = Pick(random, words.ImageNames);
        string article = "aeiou".Contains((plane + image)[0]) ? "an" : "a";
        string fov = $"{Length(m.FieldOfViewColumns, slice.Unit)} x {Length(m.FieldOfViewRows, slice.Unit)}";
        string opening = Pick(random,
            $"{article} {plane}{image} with a field of view of {fov}.",
            $"{article} {plane}{image} covering {fov}.",
            $"{plane}{image}, field of view {fov}.");
        if (m.ContentFraction < 0.9 && m.ContentFraction * slice.Pixels.Length >= SliceMeasurements.MinStructurePixels)
            opening += " " + Pick(random,
                $"{words.Subject} fills about {Percent(m.ContentFraction)} of the field.",
                $"about {Percent(m.ContentFraction)} of the field is occupied by {words.Subject}.");
        return opening;
    }

    static string Distribution(SliceImage slice, SliceMeasurements m, ModalityWording words, Random random)
    {
        string contrast = m.StdGrey < 20 ? "low" : m.StdGrey < 45 ? "moderate" : "high";
        string overall = m.Skewness > 0.5 ? $"predominantly {words.Dark} with scattered {words.Bright} foci"
            : m.Skewness < -0.5 ? $"predominantly {words.Bright} with interspersed {words.Dark} areas"
            : $"evenly balanced between {words.Bright} and {words.Dark} areas";
        string skew = m.Skewness > 0.5 ? $"skewed towards {words.Dark} values"
            : m.Skewness < -0.5 ? $"skewed towards {words.Bright} values"
            : "roughly symmetric";
        string level = slice.Modality == Modality.CT
            ? $", mean attenuation about {Math.Round(m.MeanIntensity / 5) * 5:0} hu"
            : "";
        return Pick(random,
            $"{words.Subject} is {overall}{level}, with {contrast} contrast.",
            $"the {words.Intensity} distribution is {skew}{level}; overall contrast is {contrast}.",
            $"{contrast} contrast; {words.Subject} appears {overall}{level}.");
    }

    static string StructuresSentence(SliceImage slice, IReadOnlyList<Structure> found, string things, string adjective, Random random)
    {
        if (found.Count == 0)
            return Pick(random, $"no focal {adjective} structure is seen.", $"there are no discrete {things}.");
        var largest = found[0];
        string where = Location(largest);
        string size = Length(largest.Diameter, slice.Unit);
        string first = found.Count == 1
            ? Pick(random,
                $"a single {adjective} structure of about {size} lies {where}.",
                $"one {adjective} structure, about {size} across, is seen {where}.")
            : Pick(random,
                $"{Count(found.Count)} {things} are seen, the largest about {size} across {where}.",
                $"there are {Count(found.Count)} {things}; the largest measures about {size} and lies {where}.");
        var others = found.Skip(1).Take(MaxStructuresNamed - 1).ToList();
        if (others.Count == 0) return first;
        string list = string.Join(" and ", others.Select(s => $"{Length(s.Diameter, slice.Unit)} {Location(s)}"));
        return first[..^1] + Pick(random, $", others measure {list}.", $", followed by {list}.");
    }

    static string Location(Structure s) => s.Position == "central" ? "centrally" : $"in the {s.Position} {(s.Peripheral > 0.7 ? "periphery" : "region")}";

    static string Symmetry(SliceImage slice, SliceMeasurements m, Random random)
    {
        string degree = m.Symmetry > 0.8 ? "largely symmetric" : m.Symmetry > 0.5 ? "mildly asymmetric" : "markedly asymmetric";
        // Mirroring about the image's vertical axis is a left-right mirror only when columns run along x.
        bool leftRight = slice.ColumnDirection.Length == 3 && Math.Abs(slice.ColumnDirection[0]) > 0.7;
        string about = leftRight ? "left to right" : "about the vertical midline";
        return Pick(random, $"the appearance is {degree} {about}.", $"{degree} {about}.");
    }

    static string Texture(SliceMeasurements m, Random random)
    {
        string texture = m.Roughness < 0.12 ? "homogeneous" : m.Fineness > 1.8 ? "finely granular" : "heterogeneous";
        return Pick(random, $"the texture is {texture}.", $"{texture} texture throughout.", $"the internal texture appears {texture}.");
    }

    static string Length(double value, string unit)
    {
        if (unit == "nm" && value >= 1000) { value /= 1000; unit = "um"; }
        string number = value >= 10 ? value.ToString("0", Invariant) : value.ToString("0.#", Invariant);
        return number + " " + unit;
    }

    static string Percent(double fraction) => (Math.Round(fraction * 20) * 5).ToString("0", Invariant) + "%";

    static string Count(int n) => n switch
    {
        2 => "two", 3 => "three", 4 => "four", 5 => "five", 6 => "six", 7 => "seven", 8 => "eight", 9 => "nine",
        _ => n.ToString(Invariant),
    };

    static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];

    public void Dispose() { }
}
