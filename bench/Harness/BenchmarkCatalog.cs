using System.Reflection;

namespace Gtgm.Bench.Harness;

/// <summary>
/// Every benchmark in this assembly, found by reflection: adding a benchmark is adding one class, with no list
/// to keep in step.
/// </summary>
public static class BenchmarkCatalog
{
    public static IReadOnlyList<IBenchmark> All() =>
        typeof(IBenchmark).Assembly.GetTypes()
            .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(Create)
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The benchmarks with these names, all of them when none are given; an unknown name is an error.</summary>
    public static IReadOnlyList<IBenchmark> Select(IReadOnlyCollection<string> names)
    {
        var all = All();
        if (names.Count == 0) return all;
        var unknown = names.Where(n => all.All(b => b.Name != n)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown benchmark(s) {string.Join(", ", unknown)}; known: {string.Join(", ", all.Select(b => b.Name))}");
        return all.Where(b => names.Contains(b.Name)).ToList();
    }

    static IBenchmark Create(Type type) =>
        type.GetConstructor(Type.EmptyTypes) is { } ctor
            ? (IBenchmark)ctor.Invoke(null)
            : throw new InvalidOperationException($"benchmark {type.FullName} needs a public parameterless constructor");
}
