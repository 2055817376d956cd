using Gtgm.Text.Captions;

namespace Gtgm.Tests.Text;

public class CaptionFileTests
{
    internal static CaptionRecord Caption(string text, string volume = "hippocampus_001", int slice = 12) => new()
    {
        Dataset = "msd-hippocampus", Volume = volume, Source = "/data/" + volume + ".nii.gz", Axis = "axial",
        Slice = slice, Raw = "raw: " + text, Text = text, Captioner = "descriptive-v1",
    };

    [Fact]
    public void WriteAppendAndReadRoundTrip()
    {
        using var dir = new TempDir();
        string path = dir.File("captions.jsonl");
        var a = Caption("msd-hippocampus: an axial mri slice, “quoted” and ünïcode.");
        var b = Caption("msd-hippocampus: a bright oval structure.", slice: 13);
        CaptionFile.Write(path, new[] { a });
        CaptionFile.Append(path, new[] { b });
        Assert.Equal(new[] { a, b }, CaptionFile.Read(path));
        Assert.Contains("\"text\":\"msd-hippocampus: an axial mri slice, “quoted” and ünïcode.\"", File.ReadAllText(path));
    }

    [Fact]
    public void ABrokenLineNamesTheFileAndLine()
    {
        using var dir = new TempDir();
        string path = dir.File("captions.jsonl");
        File.WriteAllText(path, CaptionFile.ToLine(Caption("fine")) + "\n\n" + """{"dataset": "x", "volume": "v"}""" + "\n");
        var e = Assert.Throws<UserInputException>(() => CaptionFile.Read(path));
        Assert.StartsWith(path + ": line 3:", e.Message);
        Assert.Contains("text", e.Message); // a missing required field is named

        File.WriteAllText(path, CaptionFile.ToLine(Caption("fine")) + "\n{\"dataset\": \"x\", \"vol");
        e = Assert.Throws<UserInputException>(() => CaptionFile.Read(path));
        Assert.StartsWith(path + ": line 2:", e.Message);
    }

    [Fact]
    public void AppendingAfterATornLineKeepsTheNewRecordIntact()
    {
        using var dir = new TempDir();
        string path = dir.File("captions.jsonl");
        File.WriteAllText(path, CaptionFile.ToLine(Caption("fine")) + "\n{\"dataset\": \"x\", \"vol");
        CaptionFile.Append(path, new[] { Caption("after") });
        var lines = File.ReadAllLines(path);
        Assert.Equal(3, lines.Length);
        Assert.Equal(CaptionFile.ToLine(Caption("after")), lines[2]);
    }

    [Fact]
    public void AMissingFileIsAUserError()
    {
        var e = Assert.Throws<UserInputException>(() => CaptionFile.Read("/no/such/captions.jsonl"));
        Assert.Equal("/no/such/captions.jsonl: captions file not found", e.Message);
    }
}
