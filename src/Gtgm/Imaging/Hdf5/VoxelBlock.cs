namespace Gtgm.Imaging.Hdf5;

/// <summary>A box of voxels: its first corner (z, y, x) and its size (depth, height, width).</summary>
public readonly record struct VoxelBlock(int Z, int Y, int X, int Depth, int Height, int Width)
{
    public static VoxelBlock Whole(int[] shape) => new(0, 0, 0, shape[0], shape[1], shape[2]);

    public bool FitsIn(int[] shape) =>
        Z >= 0 && Y >= 0 && X >= 0 && Depth > 0 && Height > 0 && Width > 0
        && Z + Depth <= shape[0] && Y + Height <= shape[1] && X + Width <= shape[2];

    public override string ToString() => $"({Z}, {Y}, {X}) + {Depth}×{Height}×{Width}";
}
