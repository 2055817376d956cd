using Gtgm.Text.Embeddings;

namespace Gtgm.Tests.Text;

public class TextEmbeddingStoreTests
{
    static TextEmbeddingStore Filled(TempDir dir)
    {
        var store = TextEmbeddingStore.Create(dir.File("emb"), "enc-1", 3);
        store.Add(new[] { "alpha", "béta" }, new[] { new[] { 1f, 2f, 3f }, new[] { -1f, 0.5f, 1e-7f } });
        store.Add(new[] { "gamma" }, new[] { new[] { 7f, 8f, 9f } });
        return store;
    }

    [Fact]
    public void VectorsRoundTripExactlyThroughTheFolder()
    {
        using var dir = new TempDir();
        Filled(dir);
        var store = TextEmbeddingStore.Open(dir.File("emb"));
        Assert.Equal(("enc-1", 3, 3), (store.EncoderId, store.Dimension, store.Count));
        Assert.Equal(new[] { -1f, 0.5f, 1e-7f }, store.Get("béta"));
        var batch = new float[6];
        store.GetBatch(new[] { "gamma", "alpha" }, batch);
        Assert.Equal(new[] { 7f, 8f, 9f, 1f, 2f, 3f }, batch);
        Assert.Equal(3 * 3 * 4, new FileInfo(dir.File("emb/embeddings.f32")).Length);
        Assert.Contains(TextKey.Of("alpha"), File.ReadAllText(dir.File("emb/index.jsonl")));
    }

    [Fact]
    public void TheKeyIsTheSha256OfTheUtf8Text()
    {
        // Known digest of "abc" (FIPS 180-2 test vector).
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TextKey.Of("abc"));
        Assert.NotEqual(TextKey.Of("Alpha"), TextKey.Of("alpha"));
    }

    [Fact]
    public void AMissingTextIsAClearErrorAndTryGetSaysNo()
    {
        using var dir = new TempDir();
        var store = Filled(dir);
        Assert.False(store.TryGet("delta", out _));
        var e = Assert.Throws<UserInputException>(() => store.Get("delta"));
        Assert.Equal($"{dir.File("emb")}: no embedding for caption \"delta\" (sha256 {TextKey.Of("delta")[..12]}); run gtgm embed-text with the same captions file", e.Message);
        Assert.Throws<UserInputException>(() => store.GetBatch(new[] { "alpha", "delta" }, new float[6]));
    }

    [Fact]
    public void AnInterruptedAppendIsIgnoredAndThenCutOff()
    {
        using var dir = new TempDir();
        Filled(dir);
        // A writer killed after appending data but before committing the manifest.
        File.AppendAllText(dir.File("emb/index.jsonl"), "{\"key\": \"torn");
        File.AppendAllText(dir.File("emb/embeddings.f32"), "xyz");
        var store = TextEmbeddingStore.Open(dir.File("emb"));
        Assert.Equal(3, store.Count);
        store.Add(new[] { "delta" }, new[] { new[] { 4f, 5f, 6f } });
        var reopened = TextEmbeddingStore.Open(dir.File("emb"));
        Assert.Equal(new[] { 4f, 5f, 6f }, reopened.Get("delta"));
        Assert.Equal(new[] { 7f, 8f, 9f }, reopened.Get("gamma"));
        Assert.Equal(4 * 3 * 4, new FileInfo(dir.File("emb/embeddings.f32")).Length);
    }

    [Fact]
    public void DamagedOrForeignFoldersAreNamed()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<UserInputException>(() => TextEmbeddingStore.Open(dir.File("nothing")));
        Assert.EndsWith("text-embedding folder not found", e.Message);
        e = Assert.Throws<UserInputException>(() => TextEmbeddingStore.Open(dir.Path));
        Assert.Contains("no manifest.json", e.Message);

        Filled(dir);
        using (var s = new FileStream(dir.File("emb/embeddings.f32"), FileMode.Open)) s.SetLength(20);
        e = Assert.Throws<UserInputException>(() => TextEmbeddingStore.Open(dir.File("emb")));
        Assert.StartsWith(dir.File("emb/embeddings.f32") + ": truncated", e.Message);

        var store = TextEmbeddingStore.Create(dir.File("emb2"), "enc-1", 3);
        e = Assert.Throws<UserInputException>(() => store.Require("enc-2", null));
        Assert.Contains("made by 'enc-1', not 'enc-2'", e.Message);
        e = Assert.Throws<UserInputException>(() => store.Require(null, 512));
        Assert.Contains("dimension 3, 512 is needed", e.Message);
        Assert.Throws<UserInputException>(() => TextEmbeddingStore.Create(dir.File("emb2"), "enc-1", 3));
    }
}
