using Gtgm.Imaging;

namespace Gtgm.Tests.Text;

/// <summary>Small hand-built volumes whose slices have known content, for the sampler and captioner tests.</summary>
static class SyntheticVolumes
{
    /// <summary>
    /// A CT-like volume (HU): air (−1000) around a soft-tissue cylinder (40 HU, radius 15 about the centre of
    /// each axial slice) that contains one dense sphere (200 HU, radius 4) centred at (z, y, x) = (10, 20, sphereX).
    /// </summary>
    public static Volume BodyWithSphere(int sphereX, int depth = 20, int size = 40)
    {
        var g = VolumeGeometry.Axial(depth, size, size);
        var data = new float[g.VoxelCount];
        for (int z = 0; z < depth; z++)
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    double r2 = (y - 20) * (y - 20) + (x - 20) * (x - 20);
                    double s2 = (z - 10) * (z - 10) + (y - 20) * (y - 20) + (x - sphereX) * (x - sphereX);
                    data[(z * size + y) * size + x] = s2 <= 16 ? 200 : r2 <= 225 ? 40 : -1000;
                }
        return new Volume(g, 1, data, Modality.CT);
    }

    public static Volume Constant(float value, Modality modality, int depth = 6, int size = 16) =>
        new(VolumeGeometry.Axial(depth, size, size), 1, Enumerable.Repeat(value, depth * size * size).ToArray(), modality);
}
