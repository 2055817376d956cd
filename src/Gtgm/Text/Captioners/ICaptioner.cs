using Gtgm.Text.Slicing;

namespace Gtgm.Text.Captioners;

/// <summary>
/// Describes a 2-D slice in words. Implementations: <see cref="Descriptive.DescriptiveCaptioner"/>
/// (measurement-based templates, no weights) and <c>Gtgm.Text.Blip.BlipCaptioner</c> (a BLIP model folder).
/// </summary>
public interface ICaptioner : IDisposable
{
    /// <summary>Identity written into every caption record, e.g. "descriptive-v1" or "blip:/models/blip".</summary>
    string Id { get; }

    /// <summary>Square input side the captioner wants slices resized to; null to keep the native resolution.</summary>
    int? InputSize { get; }

    /// <summary>
    /// Captions each slice. <paramref name="random"/> drives any random choice (the descriptive captioner's
    /// phrasing), so one seed gives one text.
    /// </summary>
    IReadOnlyList<string> Caption(IReadOnlyList<SliceImage> slices, Random random);
}
