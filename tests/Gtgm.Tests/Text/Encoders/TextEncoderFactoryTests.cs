using Gtgm.Text.Encoders;

namespace Gtgm.Tests.Text;

public class TextEncoderFactoryTests
{
    [Fact]
    public void BertFoldersTakePoolingAndMaxLengthAndTheIdSaysSo()
    {
        using var dir = new TempDir();
        using (TinyBertFolder.Write(dir.Path, BertModelTests.Tiny)) { }
        using var encoder = TextEncoderFactory.Create("bert:" + dir.Path, PoolingKind.Mean, maxLength: 16);
        Assert.IsType<BertTextEncoder>(encoder);
        Assert.EndsWith(":mean:max16:uncased", encoder.Id);
        Assert.Equal(32, encoder.Encode(new[] { "a small lesion" })[0].Length);
    }

    [Theory]
    [InlineData("", "no text encoder given")]
    [InlineData("bert:", "bert: needs a model folder")]
    [InlineData("clip", "unknown text encoder 'clip'")]
    public void BadNamesAreUserErrors(string spec, string message)
    {
        var e = Assert.Throws<UserInputException>(() => TextEncoderFactory.Create(spec));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void MiniLmRefusesClsPoolingAndBadLengths()
    {
        Assert.Contains("minilm pools by the mean", Assert.Throws<UserInputException>(() => TextEncoderFactory.Create("minilm", PoolingKind.Cls)).Message);
        Assert.Contains("2..512", Assert.Throws<UserInputException>(() => TextEncoderFactory.Create("minilm", maxLength: 1000)).Message);
        Assert.Contains("unknown pooling 'max'", Assert.Throws<UserInputException>(() => TokenPooling.Parse("max")).Message);
    }

    [Fact]
    public void PoolingFormulasOnAHandMadeBatch()
    {
        // batch 2, length 3, dim 2; row 1 has one padding token whose (large) state must not count.
        float[] hidden = { 1, 2, 3, 4, 5, 6, /**/ 10, 20, 30, 40, 999, 999 };
        long[] mask = { 1, 1, 1, 1, 1, 0 };
        Assert.Equal(new[] { new[] { 1f, 2f }, new[] { 10f, 20f } }, TokenPooling.Pool(PoolingKind.Cls, hidden, mask, 2, 3, 2));
        Assert.Equal(new[] { new[] { 3f, 4f }, new[] { 20f, 30f } }, TokenPooling.Pool(PoolingKind.Mean, hidden, mask, 2, 3, 2));
        Assert.Equal(1.0, TextSimilarity.Cosine(new[] { 1f, 2f }, new[] { 2f, 4f }), 12);
        Assert.Equal(-0.6, TextSimilarity.Cosine(new[] { 1f, 0f }, new[] { -3f, 4f }), 12);
        Assert.Equal(0.0, TextSimilarity.Cosine(new[] { 0f, 0f }, new[] { 1f, 1f }));
    }
}
