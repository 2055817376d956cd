namespace Gtgm.Platform;

/// <summary>
/// Finds the project's shared real-data folder (<c>shared/data</c> beside the checkout) used by tests,
/// examples and benchmarks. <c>GTGM_DATA</c> overrides the search. The project works without it.
/// </summary>
public static class DataFolders
{
    public const string EnvironmentVariable = "GTGM_DATA";

    public static string? FindSharedData()
    {
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? Path.GetFullPath(env) : null;
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>A named sub-folder of the shared data (e.g. "msd-hippocampus"), or null when absent.</summary>
    public static string? Find(string name)
    {
        string? root = FindSharedData();
        if (root == null) return null;
        string path = Path.Combine(root, name);
        return Directory.Exists(path) ? path : null;
    }
}
