using Gtgm.Tests.Text;
using Gtgm.Text.Captions;
using Gtgm.Text.Embeddings;
using Gtgm.Text.Encoders;

namespace Gtgm.Tests.Cli;

public class TextCommandsTests
{
    [Fact]
    public void EmbedTextEncodesOnceThenReusesTheCache()
    {
        using var dir = new TempDir();
        string captions = dir.File("captions.jsonl");
        CaptionFile.Write(captions, new[]
        {
            CaptionFileTests.Caption("msd-hippocampus: an axial mri slice with a bright oval structure."),
            CaptionFileTests.Caption("msd-hippocampus: a dark region near the centre.", slice: 3),
            CaptionFileTests.Caption("msd-hippocampus: an axial mri slice with a bright oval structure.", slice: 4),
        });
        var r = CliRunner.Run("embed-text", "--captions", captions, "--out", dir.File("emb"), "--batch-size", "2");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Matches(@"captions\s+3 \(2 unique texts\)", r.Out);
        Assert.Matches(@"encoded\s+2\n", r.Out.Replace("\r", ""));
        Assert.Matches(@"encoder\s+minilm:all-MiniLM-L6-v2:sha256=[0-9a-f]{12}:mean:max256 \(384-d\)", r.Out);

        r = CliRunner.Run("embed-text", "--captions", captions, "--out", dir.File("emb"));
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"encoded\s+0\n", r.Out.Replace("\r", ""));
        Assert.Matches(@"reused\s+2\n", r.Out.Replace("\r", ""));

        var store = TextEmbeddingStore.Open(dir.File("emb"));
        using var minilm = new MiniLmTextEncoder();
        var direct = minilm.Encode(new[] { "msd-hippocampus: a dark region near the centre." })[0];
        Assert.True(TextSimilarity.Cosine(direct, store.Get("msd-hippocampus: a dark region near the centre.")) > 0.99999);
    }

    [Fact]
    public void TextSimilarityPrintsTheCosineMatrix()
    {
        var r = CliRunner.Run("text-similarity", "a small bright lesion", "a small bright lesion", "the weather is nice today");
        Assert.True(r.ExitCode == 0, r.Error);
        var lines = r.Out.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("encoder minilm:", lines[0]);
        Assert.Equal("[3] the weather is nice today", lines[3]);
        var row1 = lines[5].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "[1]", "1.000", "1.000" }, row1[..3]);
        Assert.True(double.Parse(row1[3], System.Globalization.CultureInfo.InvariantCulture) < 0.5);
    }

    [Fact]
    public void ABadEncoderOrMissingCaptionsIsOneLine()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("text-similarity", "a", "b", "--encoder", "bert:" + dir.File("missing"));
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"gtgm: error: {dir.File("missing")}: model folder not found\n", r.Error.Replace("\r", ""));

        r = CliRunner.Run("embed-text", "--captions", dir.File("none.jsonl"), "--out", dir.File("emb"), "--encoder", "nope");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("unknown text encoder 'nope'", r.Error);
    }
}
