using System.CommandLine;
using Gtgm.Cli.Hosting;
using Gtgm.Text.Blip;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm captioner init|finetune`: make a BLIP captioner and finetune it on captioned images (L_Cap).</summary>
static class CaptionerCommand
{
    public static Command Create(CommandEnvironment env)
    {
        var command = new Command("captioner", "Create or finetune a BLIP captioning model (Hugging Face folder layout)");
        command.Subcommands.Add(Init(env));
        command.Subcommands.Add(Finetune(env));
        return command;
    }

    static Command Init(CommandEnvironment env)
    {
        var output = new Option<string>("--out") { Description = "Folder to write the model to (config.json, model.safetensors, vocab.txt)", Required = true };
        var size = new Option<string>("--size") { Description = "tiny (tests, smoke runs) or base (BLIP-base dimensions)", DefaultValueFactory = _ => "base" };
        size.AcceptOnlyFromAmong("tiny", "base");
        var vocab = new Option<string?>("--vocab") { Description = "A BERT vocab.txt ([DEC] and [ENC] are appended when absent)" };
        var vocabFrom = new Option<string?>("--vocab-from") { Description = "Build a word vocabulary from a finetuning folder's captions.jsonl instead" };
        var seed = new Option<int>("--seed") { Description = "Seed of the random weights", DefaultValueFactory = _ => 0 };
        var command = new Command("init", "Write a randomly initialised BLIP (no pretrained weights are downloaded); finetune it before use");
        foreach (var o in new Option[] { output, size, vocab, vocabFrom, seed, ConfigMerge.ConfigOption }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            string? vocabPath = parse.GetValue(vocab), corpus = parse.GetValue(vocabFrom);
            if ((vocabPath == null) == (corpus == null)) throw new UserInputException("give exactly one of --vocab FILE or --vocab-from DATA_DIR");
            var tokenizer = vocabPath != null
                ? new BlipTokenizer(BlipTokenizer.WithDecoderTokens(ReadVocab(vocabPath)))
                : BlipTokenizer.FromCorpus(CaptionedImageFolder.Read(corpus!).Select(c => c.Caption));
            var r = BlipInitializer.Write(parse.GetValue(output)!, parse.GetValue(size) == "tiny" ? BlipSize.Tiny : BlipSize.Base, tokenizer, parse.GetValue(seed));
            env.Out.WriteLine($"model        {r.Folder}");
            env.Out.WriteLine($"parameters   {r.Parameters:N0} (random initialisation)");
            env.Out.WriteLine($"vocabulary   {r.VocabularySize} tokens");
            return ExitCodes.Success;
        });
        return command;
    }

    static IEnumerable<string> ReadVocab(string path)
    {
        if (!File.Exists(path)) throw UserInputException.ForFile(path, "vocabulary file not found");
        return File.ReadAllLines(path).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0);
    }

    static Command Finetune(CommandEnvironment env)
    {
        var model = new Option<string>("--model") { Description = "BLIP model folder to start from", Required = true };
        var data = new Option<string>("--data") { Description = "Folder of 2-D images (PNG, JPEG, PGM) with captions.jsonl lines {\"image\": ..., \"caption\": ...}", Required = true };
        var output = new Option<string>("--out") { Description = "Run folder to create (checkpoints/epoch-N and model/ are BLIP folders)", Required = true };
        var d = new BlipFinetuneOptions();
        var epochs = new Option<int>("--epochs") { Description = "Passes over the data", DefaultValueFactory = _ => d.Epochs };
        var lr = new Option<double>("--lr") { Description = "AdamW learning rate", DefaultValueFactory = _ => d.LearningRate };
        var batch = new Option<int>("--batch-size") { Description = "Pairs per step", DefaultValueFactory = _ => d.BatchSize };
        var decay = new Option<double>("--weight-decay") { Description = "AdamW weight decay", DefaultValueFactory = _ => d.WeightDecay };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Longest token sequence; longer captions are cut", DefaultValueFactory = _ => d.MaxTokens };
        var prompt = new Option<string?>("--prompt") { Description = "Prompt the captions follow, e.g. \"a picture of\" (not part of the loss)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the batch order", DefaultValueFactory = _ => d.Seed };
        var every = new Option<int>("--checkpoint-every") { Description = "Epochs between checkpoints (0: final model only)", DefaultValueFactory = _ => d.CheckpointEvery };
        var command = new Command("finetune", "Finetune a BLIP captioner on captioned 2-D images with L_Cap (teacher-forced token cross-entropy, AdamW)");
        foreach (var o in new Option[] { model, data, output, epochs, lr, batch, decay, maxTokens, prompt, seed, every, ConfigMerge.ConfigOption }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var options = new BlipFinetuneOptions(parse.GetValue(epochs), parse.GetValue(lr), parse.GetValue(batch), parse.GetValue(decay),
                parse.GetValue(maxTokens), parse.GetValue(prompt), parse.GetValue(seed), parse.GetValue(every));
            BlipFinetuneResult r;
            using (var progress = env.Progress())
                r = BlipFinetuneJob.Run(parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(output)!, options, progress);
            env.Out.WriteLine($"pairs        {r.Examples}");
            env.Out.WriteLine($"L_Cap        {r.EpochLosses[0]:0.0000} (epoch 1) -> {r.EpochLosses[^1]:0.0000} (epoch {r.EpochLosses.Count})");
            env.Out.WriteLine($"run          {r.RunFolder}");
            env.Out.WriteLine($"model        {r.ModelFolder}  (use: --captioner blip:{r.ModelFolder})");
            return ExitCodes.Success;
        });
        return command;
    }
}
