using Gtgm.Text.Captions;
using Gtgm.Text.Embeddings;

namespace Gtgm.Tests.Text;

public class TextEmbeddingBuilderTests
{
    static string WriteCaptions(TempDir dir, params string[] texts)
    {
        string path = dir.File("captions.jsonl");
        CaptionFile.Write(path, texts.Select((t, i) => CaptionFileTests.Caption(t, "vol" + i, i)));
        return path;
    }

    [Fact]
    public void ASecondRunDoesNoEncoderWork()
    {
        using var dir = new TempDir();
        // Five records, four unique texts.
        string captions = WriteCaptions(dir, "a bright structure", "a dark structure", "a bright structure", "texture", "symmetry");
        var encoder = new CountingEncoder();
        var first = TextEmbeddingBuilder.Build(captions, encoder, dir.File("emb"), batchSize: 3);
        Assert.Equal((5, 4, 4, 0), (first.Captions, first.UniqueTexts, first.Encoded, first.Reused));
        Assert.Equal(2, encoder.Calls); // batches of 3 + 1
        Assert.Equal(4, encoder.Seen.Distinct().Count());

        var second = TextEmbeddingBuilder.Build(captions, encoder, dir.File("emb"));
        Assert.Equal((0, 4), (second.Encoded, second.Reused));
        Assert.Equal(2, encoder.Calls);

        var store = TextEmbeddingStore.Open(dir.File("emb"));
        Assert.Equal(4, store.Count);
        Assert.Equal(CountingEncoder.VectorFor("texture", 8), store.Get("texture"));
    }

    [Fact]
    public void AModifiedCaptionIsReEncodedAndNothingElse()
    {
        using var dir = new TempDir();
        var encoder = new CountingEncoder();
        TextEmbeddingBuilder.Build(WriteCaptions(dir, "one", "two", "three"), encoder, dir.File("emb"));
        encoder.Seen.Clear();
        var report = TextEmbeddingBuilder.Build(WriteCaptions(dir, "one", "two, changed", "three"), encoder, dir.File("emb"));
        Assert.Equal(new[] { "two, changed" }, encoder.Seen);
        Assert.Equal((1, 2, 4), (report.Encoded, report.Reused, report.StoreCount));
    }

    [Fact]
    public void AnotherEncoderIsRefusedUnlessRebuildIsAsked()
    {
        using var dir = new TempDir();
        string captions = WriteCaptions(dir, "one", "two");
        TextEmbeddingBuilder.Build(captions, new CountingEncoder("counting-v1"), dir.File("emb"));
        var e = Assert.Throws<UserInputException>(() => TextEmbeddingBuilder.Build(captions, new CountingEncoder("counting-v2"), dir.File("emb")));
        Assert.Contains("'counting-v1'", e.Message);
        Assert.Contains("--rebuild", e.Message);
        e = Assert.Throws<UserInputException>(() => TextEmbeddingBuilder.Build(captions, new CountingEncoder("counting-v1", 16), dir.File("emb")));
        Assert.Contains("(8-d)", e.Message);

        var other = new CountingEncoder("counting-v2", 16);
        var report = TextEmbeddingBuilder.Build(captions, other, dir.File("emb"), rebuild: true);
        Assert.True(report.Rebuilt);
        Assert.Equal(2, report.Encoded);
        var store = TextEmbeddingStore.Open(dir.File("emb"));
        Assert.Equal(("counting-v2", 16, 2), (store.EncoderId, store.Dimension, store.Count));
    }

    [Fact]
    public void AKilledBuildKeepsItsCommittedBatchesAndResumes()
    {
        using var dir = new TempDir();
        string captions = WriteCaptions(dir, "a", "b", "c", "d", "e");
        var encoder = new CountingEncoder { FailOnCall = 2 };
        Assert.Throws<OperationCanceledException>(() => TextEmbeddingBuilder.Build(captions, encoder, dir.File("emb"), batchSize: 2));
        Assert.Equal(2, TextEmbeddingStore.Open(dir.File("emb")).Count);

        var resumed = new CountingEncoder();
        var report = TextEmbeddingBuilder.Build(captions, resumed, dir.File("emb"), batchSize: 2);
        Assert.Equal(new[] { "c", "d", "e" }, resumed.Seen);
        Assert.Equal((3, 2, 5), (report.Encoded, report.Reused, report.StoreCount));
    }

    [Fact]
    public void ABrokenCaptionsLineIsNamed()
    {
        using var dir = new TempDir();
        string captions = WriteCaptions(dir, "one");
        File.AppendAllText(captions, "{not json\n");
        var e = Assert.Throws<UserInputException>(() => TextEmbeddingBuilder.Build(captions, new CountingEncoder(), dir.File("emb")));
        Assert.StartsWith(captions + ": line 2:", e.Message);
    }
}
