using System.Reflection;

namespace Gtgm.Platform;

/// <summary>Versions fixed at build time (see Directory.Build.props).</summary>
public static class BuildInfo
{
    static string Metadata(string key) =>
        typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value ?? "unknown";

    public static string Version =>
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public static string TorchSharpVersion => Metadata("TorchSharpVersion");
    public static string LibTorchVersion => Metadata("LibTorchVersion");
    public static string TorchBackend => Metadata("TorchBackend");
}
