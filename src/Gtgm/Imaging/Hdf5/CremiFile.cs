namespace Gtgm.Imaging.Hdf5;

/// <summary>
/// The CREMI HDF5 layout (cremi.org): datasets <c>volumes/raw</c> and <c>volumes/labels/neuron_ids</c>, axes
/// (z, y, x), and on each dataset a <c>resolution</c> attribute (z, y, x) in nanometres and optionally an
/// <c>offset</c> (z, y, x) in nanometres.
/// </summary>
public static class CremiFile
{
    public const string Raw = "volumes/raw";
    public const string NeuronIds = "volumes/labels/neuron_ids";
    /// <summary>Nearest-neighbour affinities, float32 (c, z, y, x) with channels (z, y, x): not part of the CREMI layout; this project's default name for them.</summary>
    public const string Affinities = "volumes/predictions/affinities";
    public const string ResolutionAttribute = "resolution";
    public const string OffsetAttribute = "offset";
    public const string Unit = "nm";

    public static bool HasHdf5Extension(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".h5" or ".hdf5" or ".hdf";
}
