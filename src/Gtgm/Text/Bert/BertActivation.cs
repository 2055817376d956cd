using static TorchSharp.torch;

namespace Gtgm.Text.Bert;

/// <summary>The feed-forward nonlinearity named by <c>hidden_act</c>, as Hugging Face's <c>ACT2FN</c> defines it.</summary>
public static class BertActivation
{
    public static IReadOnlyList<string> Names { get; } = new[] { "gelu", "gelu_new", "gelu_pytorch_tanh", "relu", "silu", "swish", "tanh" };

    public static bool IsKnown(string name) => Names.Contains(name);

    public static Func<Tensor, Tensor> Resolve(string name) => name switch
    {
        "gelu" => x => nn.functional.gelu(x),
        // GPT-2's tanh approximation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
        "gelu_new" or "gelu_pytorch_tanh" => x =>
            0.5 * x * (1.0 + tanh(Math.Sqrt(2.0 / Math.PI) * (x + 0.044715 * x.pow(3)))),
        "relu" => x => nn.functional.relu(x),
        "silu" or "swish" => x => nn.functional.silu(x),
        "tanh" => x => tanh(x),
        _ => throw new ArgumentException($"unknown hidden_act '{name}'", nameof(name)),
    };
}
