using Gtgm.Text.Blip;
using Gtgm.Text.Captioners;
using Gtgm.Text.Captions;
using Gtgm.Text.Slicing;

namespace Gtgm.Tests.Text.Blip;

public class BlipCaptionerTests
{
    [Fact]
    public void CaptionsResizedSlicesThroughTheGenerator()
    {
        using var dir = new TempDir();
        var tokenizer = TinyBlip.Tokenizer();
        using (var model = TinyBlip.Model(tokenizer)) BlipModelFolder.Save(dir.File("blip"), model, tokenizer);
        using var captioner = CaptionerFactory.Create("blip:" + dir.File("blip"), new BlipDecodingOptions(MaxLength: 6));
        Assert.Equal("blip:" + dir.File("blip"), captioner.Id);
        Assert.Equal(32, captioner.InputSize);

        var sources = new[] { new CaptionSource("synthetic-ct", "v", "v.nii.gz", () => SyntheticVolumes.BodyWithSphere(30)) };
        var options = new CaptionGenerationOptions(PerVolume: 2, Filter: new CaptionFilterOptions { CutUnfinishedSentence = false });
        CaptionGenerator.Generate(sources, captioner, dir.File("c.jsonl"), options);
        var records = CaptionFile.Read(dir.File("c.jsonl"));
        // Random weights: the words are arbitrary, but every caption is decoded vocabulary of at most 5 tokens.
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.All(r.Raw.Split(' ', StringSplitOptions.RemoveEmptyEntries), w => Assert.Contains(w, tokenizer.Vocabulary)));
        Assert.All(records, r => Assert.Equal(captioner.Id, r.Captioner));
        Assert.All(records, r => Assert.Equal(SliceAxis.Axial.Name(), r.Axis));
    }
}
