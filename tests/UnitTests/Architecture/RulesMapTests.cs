using System.Text.RegularExpressions;

namespace ReliefPlatform.UnitTests.Architecture;

/// <summary>docs/rules.md names each rule's home and tests; this keeps the names true as the code moves.</summary>
public sealed partial class RulesMapTests
{
    [GeneratedRegex(@"^\| (R\d+) [^|]+ \| [^|]+ \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Code();

    private static readonly string Root = EventCatalogueTests.RepositoryRoot();

    private static List<(string Rule, string Homes, string Tests)> Rows() =>
        [.. Row().Matches(File.ReadAllText(Path.Combine(Root, "docs", "rules.md")).Replace("\r", "", StringComparison.Ordinal))
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value))];

    private static readonly Lazy<string[]> Sources = new(() => Directory.EnumerateFiles(Root, "*.cs", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToArray());

    [Fact]
    public void Every_rule_from_R1_to_R21_has_a_row()
    {
        Assert.Equal(Enumerable.Range(1, 21).Select(i => $"R{i}"), Rows().Select(r => r.Rule));
    }

    [Fact]
    public void Every_home_named_is_a_file_or_a_type_of_the_code()
    {
        foreach (var (rule, homes, _) in Rows())
        {
            foreach (var name in Code().Matches(homes).Select(m => m.Groups[1].Value.Split(' ')[0]))
            {
                // A path (whole, or its last folders), a file name, or a type or method of the code.
                var found = name.EndsWith(".cs", StringComparison.Ordinal)
                        ? Sources.Value.Any(f => ("/" + Path.GetRelativePath(Root, f).Replace('\\', '/')).EndsWith("/" + name, StringComparison.Ordinal))
                        : Sources.Value.Any(f => Regex.IsMatch(File.ReadAllText(f), $@"\b(class|record|enum) {Regex.Escape(name.Split('.')[0])}\b|\b{Regex.Escape(name.Split('.')[^1])}\("));
                Assert.True(found, $"{rule}: {name} is not in the code");
            }
        }
    }

    [Fact]
    public void Every_test_named_is_a_test_class()
    {
        var tests = Sources.Value.Where(f => f.Contains($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText).ToList();
        foreach (var (rule, _, named) in Rows())
        {
            foreach (var test in Code().Matches(named).Select(m => m.Groups[1].Value))
            {
                Assert.True(tests.Any(t => t.Contains($"class {test}", StringComparison.Ordinal)), $"{rule}: no test class {test}");
            }
        }
    }
}
