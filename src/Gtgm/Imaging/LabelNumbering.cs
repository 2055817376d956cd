namespace Gtgm.Imaging;

/// <summary>Renumbers instance ids so they reveal nothing of how they were made.</summary>
public static class LabelNumbering
{
    /// <summary>
    /// In place: non-zero ids become 1..n in order of each id's first voxel (x fastest), 0 stays 0. Returns n.
    /// </summary>
    public static int ByFirstVoxel(Span<int> labels)
    {
        var map = new Dictionary<int, int>();
        for (int i = 0; i < labels.Length; i++)
        {
            int l = labels[i];
            if (l == 0) continue;
            if (!map.TryGetValue(l, out int id)) map[l] = id = map.Count + 1;
            labels[i] = id;
        }
        return map.Count;
    }
}
