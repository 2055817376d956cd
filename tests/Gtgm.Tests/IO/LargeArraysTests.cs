using Gtgm.IO;

namespace Gtgm.Tests.IO;

public class LargeArraysTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(5_000_000)]
    public void Arrays_of_any_size_hold_what_is_written(int length)
    {
        var a = LargeArrays.Uninitialized<float>(length);
        Assert.Equal(length, a.Length);
        for (int i = 0; i < a.Length; i++) a[i] = i;
        Assert.Equal(length - 1f, a[^1]);
        Assert.Equal(length / 2f, a[length / 2]);
    }
}
