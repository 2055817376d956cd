using Gtgm.Tests.Text.Blip;
using Gtgm.Text.Blip;
using SkiaSharp;

namespace Gtgm.Tests.Cli;

public class CaptionerCommandTests
{
    /// <summary>The toy task as a MedICAT-like folder: PNG images and captions.jsonl.</summary>
    static void WriteDataFolder(string folder, int count)
    {
        var images = TinyBlip.Images();
        var captions = TinyBlip.Captions();
        var lines = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var (pixels, h, w) = images[i];
            using var bitmap = new SKBitmap(w, h, SKColorType.Gray8, SKAlphaType.Opaque);
            System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
            using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(folder, $"img{i}.png"), png.ToArray());
            lines.Add($"{{\"image\": \"img{i}.png\", \"caption\": \"{captions[i]}\"}}");
        }
        File.WriteAllLines(Path.Combine(folder, "captions.jsonl"), lines);
    }

    [Fact]
    public void InitThenFinetuneWritesLoadableHuggingFaceFolders()
    {
        using var dir = new TempDir();
        string data = Directory.CreateDirectory(dir.File("data")).FullName;
        WriteDataFolder(data, 4);
        Assert.Equal(TinyBlip.Images()[2].Pixels, GreyImageReader.Read(Path.Combine(data, "img2.png")).Pixels);

        var init = CliRunner.Run("captioner", "init", "--out", dir.File("blip0"), "--size", "tiny", "--vocab-from", data);
        Assert.True(init.ExitCode == 0, init.Error);
        Assert.Contains("random initialisation", init.Out);

        var tune = CliRunner.Run("captioner", "finetune", "--model", dir.File("blip0"), "--data", data, "--out", dir.File("run"),
            "--epochs", "2", "--lr", "1e-3", "--batch-size", "2");
        Assert.True(tune.ExitCode == 0, tune.Error);
        Assert.Contains("L_Cap", tune.Out);
        using (var loaded = BlipModelFolder.Load(dir.File("run/model"))) Assert.Equal(32, loaded.Config.Vision.ImageSize);
        using (BlipModelFolder.Load(dir.File("run/checkpoints/epoch-1"))) { }
        Assert.True(File.Exists(dir.File("run/metrics.jsonl")));
        Assert.True(File.Exists(dir.File("run/report.md")));
    }

    [Fact]
    public void InitNeedsExactlyOneVocabularySource()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("captioner", "init", "--out", dir.File("m"), "--size", "tiny");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--vocab", r.Error);
    }

    [Fact]
    public void FinetuneOnAMissingModelFolderIsOneClearError()
    {
        using var dir = new TempDir();
        string data = Directory.CreateDirectory(dir.File("data")).FullName;
        WriteDataFolder(data, 1);
        var r = CliRunner.Run("captioner", "finetune", "--model", dir.File("none"), "--data", data, "--out", dir.File("run"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("model folder not found", r.Error);
    }

    [Fact]
    public void ABadCaptionLineNamesTheFileAndLine()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("captions.jsonl"), "{\"image\": \"a.png\"}\n");
        var e = Assert.Throws<UserInputException>(() => CaptionedImageFolder.Read(dir.Path));
        Assert.Contains("line 1", e.Message);
        Assert.Contains("caption", e.Message);
    }
}
