using Gtgm.Text.Captions;

namespace Gtgm.Tests.Text;

public class CaptionFilterTests
{
    static readonly CaptionFilter Filter = new(new CaptionFilterOptions { PrependDatasetName = false });

    [Fact]
    public void PaperFigure8ExampleLosesLabelRepeatAndUnfinishedTail()
    {
        const string raw = "fig. 2. electron micrograph of a transverse section of a human cerebellum. the cell bodies are arranged in a single layer of filaments. the cell bodies are arranged in a single layer of filaments. the cell";
        Assert.Equal("electron micrograph of a transverse section of a human cerebellum. the cell bodies are arranged in a single layer of filaments.",
            Filter.Filter(raw));
    }

    [Theory]
    [InlineData("figure 1: axial ct of the abdomen.", "axial ct of the abdomen.")]
    [InlineData("Fig 3b mri of the knee.", "mri of the knee.")]
    [InlineData("figs. 3a-c, mri of the knee.", "mri of the knee.")]
    [InlineData("(a) t2-weighted image of the brain (b).", "t2-weighted image of the brain.")]
    [InlineData("a) axial view of the liver.", "axial view of the liver.")]
    [InlineData("the mass (b, c) enhances.", "the mass enhances.")]
    [InlineData("figure 1 shows a cyst.", "shows a cyst.")]
    [InlineData("transfiguration 2 is kept.", "transfiguration 2 is kept.")]
    public void FigureAndPanelLabelsAreStripped(string raw, string expected) => Assert.Equal(expected, Filter.Filter(raw));

    [Theory]
    [InlineData("the the liver is enlarged.", "the liver is enlarged.")]
    [InlineData("a section of a section of the retina.", "a section of the retina.")]
    [InlineData("the cells are round, the cells are round, the cells are round and dense.", "the cells are round, and dense.")]
    [InlineData("a dense dense dense band.", "a dense band.")]
    public void BackToBackRepeatedPhrasesCollapse(string raw, string expected) => Assert.Equal(expected, Filter.Filter(raw));

    [Theory]
    [InlineData("a ct scan. a cyst is seen. a ct scan. a cyst is seen.", "a ct scan. a cyst is seen.")]
    [InlineData("mri of the brain. MRI of the brain!", "mri of the brain.")]
    public void RepeatedSentencesKeepTheFirst(string raw, string expected) => Assert.Equal(expected, Filter.Filter(raw));

    [Theory]
    [InlineData("a ct of the chest. there is a", "a ct of the chest.")]
    [InlineData("an mri of the brain", "an mri of the brain")] // no full sentence: the fragment is all there is
    [InlineData("nodule measures 0.5 mm. the", "nodule measures 0.5 mm.")]
    public void TrailingUnfinishedSentenceIsCut(string raw, string expected) => Assert.Equal(expected, Filter.Filter(raw));

    [Theory]
    [InlineData("a lesion (arrow) in the liver. scale bar = 50 µm.", "a lesion in the liver.")]
    [InlineData("hepatocytes, original magnification x400.", "hepatocytes.")]
    [InlineData("axons (arrowheads) and a synapse. bar = 1 um.", "axons and a synapse.")]
    public void DefaultUninformativeVocabularyIsRemoved(string raw, string expected) => Assert.Equal(expected, Filter.Filter(raw));

    [Fact]
    public void CustomVocabularyReplacesTheDefaults()
    {
        var filter = new CaptionFilter(new CaptionFilterOptions { PrependDatasetName = false, UninformativePatterns = new[] { @"\bclearly\b" } });
        Assert.Equal("the liver is enlarged (arrow).", filter.Filter("the liver is clearly enlarged (arrow)."));
    }

    [Fact]
    public void InvalidPatternIsAUserError()
    {
        var e = Assert.Throws<UserInputException>(() => new CaptionFilter(new CaptionFilterOptions { UninformativePatterns = new[] { "(unclosed" } }));
        Assert.Contains("(unclosed", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("fig. 2.")]
    [InlineData("(a) (b)")]
    public void NothingInformativeLeftGivesNull(string raw) => Assert.Null(Filter.Filter(raw));

    [Fact]
    public void WhitespaceCollapsesAndCaseIsLowered()
    {
        Assert.Equal("a ct slice. two cysts.", Filter.Filter("  A   CT\tslice.\n\nTwo  cysts. "));
    }

    [Fact]
    public void DatasetNameIsPrefixedAsInThePaper()
    {
        var filter = new CaptionFilter();
        Assert.Equal("msd-hippocampus: an mri slice.", filter.Filter("an MRI slice.", "msd-hippocampus"));
        Assert.Equal("an mri slice.", filter.Filter("an MRI slice."));
    }

    [Fact]
    public void RulesCanBeSwitchedOff()
    {
        var off = new CaptionFilter(new CaptionFilterOptions
        {
            Lowercase = false, StripFigureLabels = false, UninformativePatterns = Array.Empty<string>(), CutUnfinishedSentence = false,
            RemoveRepeatedPhrases = false, RemoveRepeatedSentences = false, PrependDatasetName = false,
        });
        const string raw = "Fig. 2. the the cells. the the cells. the";
        Assert.Equal(raw, off.Filter(raw, "ds"));
    }

    [Fact]
    public void DeduplicatorDropsRepeatsAcrossACorpusIgnoringCaseAndPunctuation()
    {
        var dedup = new CaptionDeduplicator(new[] { "ds: a ct slice." });
        Assert.False(dedup.Accept("DS: a CT slice"));
        Assert.True(dedup.Accept("ds: an mri slice."));
        Assert.False(dedup.Accept("ds: an mri slice."));
    }
}
