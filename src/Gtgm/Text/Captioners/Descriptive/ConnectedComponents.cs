namespace Gtgm.Text.Captioners.Descriptive;

/// <summary>One 4-connected region of a binary 2-D mask.</summary>
/// <param name="Area">Pixel count.</param>
/// <param name="CentroidRow">Mean row index of its pixels.</param>
/// <param name="CentroidColumn">Mean column index of its pixels.</param>
/// <param name="MeanGrey">Mean grey value of its pixels in the image it was measured on.</param>
/// <param name="TouchesBorder">Whether any pixel lies on the image border.</param>
public readonly record struct Component(int Area, double CentroidRow, double CentroidColumn, double MeanGrey, bool TouchesBorder);

/// <summary>4-connected component labelling of a row-major binary mask by an explicit-stack flood fill.</summary>
public static class ConnectedComponents
{
    public static List<Component> Find(bool[] mask, byte[] grey, int height, int width)
    {
        var seen = new bool[mask.Length];
        var stack = new Stack<int>();
        var components = new List<Component>();
        for (int start = 0; start < mask.Length; start++)
        {
            if (!mask[start] || seen[start]) continue;
            seen[start] = true;
            stack.Push(start);
            long area = 0, rowSum = 0, columnSum = 0, greySum = 0;
            bool border = false;
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                int y = p / width, x = p % width;
                area++; rowSum += y; columnSum += x; greySum += grey[p];
                if (y == 0 || x == 0 || y == height - 1 || x == width - 1) border = true;
                if (x > 0) Visit(p - 1);
                if (x < width - 1) Visit(p + 1);
                if (y > 0) Visit(p - width);
                if (y < height - 1) Visit(p + width);
            }
            components.Add(new Component((int)area, (double)rowSum / area, (double)columnSum / area, (double)greySum / area, border));
        }
        return components;

        void Visit(int q)
        {
            if (!mask[q] || seen[q]) return;
            seen[q] = true;
            stack.Push(q);
        }
    }
}
