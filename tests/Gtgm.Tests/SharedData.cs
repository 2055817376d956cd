using Gtgm.Platform;

namespace Gtgm.Tests;

/// <summary>The real volumes in ../shared/data; tests that need them skip with a message when absent.</summary>
static class SharedData
{
    public static string Require(string name)
    {
        string? path = DataFolders.Find(name);
        Skip.If(path == null, $"shared data folder '{name}' not found (looked for shared/data beside the checkout; set GTGM_DATA)");
        return path!;
    }
}
