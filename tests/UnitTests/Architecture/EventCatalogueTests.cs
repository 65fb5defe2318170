using System.Reflection;
using System.Text.RegularExpressions;
using MassTransit;

namespace ReliefPlatform.UnitTests.Architecture;

/// <summary>docs/events.md says who publishes and who consumes each event; this keeps it true.</summary>
public sealed partial class EventCatalogueTests
{
    private const string Diagnostics = "ReliefPlatform.Contracts.Diagnostics";

    private static readonly (string Service, string Folder, Assembly Assembly)[] Services =
    [
        ("intake", "Intake", typeof(ReliefPlatform.Intake.Applications.Application).Assembly),
        ("eligibility", "Eligibility", typeof(ReliefPlatform.Eligibility.Roster.Recipient).Assembly),
        ("relief", "Relief", typeof(ReliefPlatform.Relief.Cases.ReliefCase).Assembly),
        ("payments", "Payments", typeof(ReliefPlatform.Payments.Instructions.PaymentInstruction).Assembly),
        ("notification", "Notification", typeof(ReliefPlatform.Notification.Deliveries.Delivery).Assembly),
        ("oversight", "Oversight", typeof(ReliefPlatform.Oversight.Supervision.Flag).Assembly),
    ];

    [GeneratedRegex(@"^\| `(\w+)` \| [^|]+ \| ([^|]+) \| ([^|]+) \|$", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"AddToOutbox\(\s*new\s+(\w+)\(")]
    private static partial Regex Published();

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReliefPlatform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (ReliefPlatform.sln) was not found above the test's folder.");
    }

    private sealed record Flow(SortedSet<string> Publishers, SortedSet<string> Consumers)
    {
        public static Flow Empty() => new(new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));
    }

    private static Dictionary<string, Flow> Documented()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "events.md")).Replace("\r", "", StringComparison.Ordinal);
        return Row().Matches(text).ToDictionary(m => m.Groups[1].Value, m => new Flow(Split(m.Groups[2].Value), Split(m.Groups[3].Value)), StringComparer.Ordinal);

        static SortedSet<string> Split(string cell) => new(cell.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
    }

    private static Dictionary<string, Flow> InCode()
    {
        var events = new Dictionary<string, Flow>(StringComparer.Ordinal);
        var contracts = typeof(ReliefPlatform.Contracts.Intake.ApplicationSubmitted).Assembly;
        var messages = contracts.GetTypes().Where(t => t.Namespace != Diagnostics).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (service, folder, assembly) in Services)
        {
            var consumed = assembly.GetTypes()
                .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
                .SelectMany(t => t.GetInterfaces())
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
                .Select(i => i.GetGenericArguments()[0])
                // A batch consumer (IConsumer<Batch<T>>) consumes T.
                .Select(m => m.IsGenericType && m.GetGenericTypeDefinition() == typeof(Batch<>) ? m.GetGenericArguments()[0] : m)
                .Where(m => m.Assembly == contracts && m.Namespace != Diagnostics);
            foreach (var message in consumed)
            {
                Of(message.Name).Consumers.Add(service);
            }

            var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "services", folder), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
            foreach (var file in sources)
            {
                foreach (var name in Published().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).Where(messages.Contains))
                {
                    Of(name).Publishers.Add(service);
                }
            }
        }

        return events;

        Flow Of(string name) => events.TryGetValue(name, out var flow) ? flow : events[name] = Flow.Empty();
    }

    /// <summary>
    /// A message only earlier versions publish (one a new message superseded) is still consumed, so that what was queued
    /// at an upgrade is read; the catalogue says so with this after the publisher.
    /// </summary>
    private const string EarlierVersions = " (earlier versions)";

    private static SortedSet<string> CurrentPublishers(Flow documented) =>
        new(documented.Publishers.Where(p => !p.EndsWith(EarlierVersions, StringComparison.Ordinal)), StringComparer.Ordinal);

    private static bool OnlyEarlierVersionsPublish(Flow documented) =>
        documented.Publishers.Count > 0 && documented.Publishers.All(p => p.EndsWith(EarlierVersions, StringComparison.Ordinal));

    [Fact]
    public void The_catalogue_lists_every_event_with_its_publishers_and_consumers()
    {
        var documented = Documented();
        var code = InCode();

        Assert.Equal(code.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, flow) in code)
        {
            Assert.True(flow.Publishers.SetEquals(CurrentPublishers(documented[name])),
                $"{name}: published by {string.Join(", ", flow.Publishers)} in the code, by {string.Join(", ", documented[name].Publishers)} in docs/events.md");
            Assert.True(flow.Consumers.SetEquals(documented[name].Consumers),
                $"{name}: consumed by {string.Join(", ", flow.Consumers)} in the code, by {string.Join(", ", documented[name].Consumers)} in docs/events.md");
        }
    }

    [Fact]
    public void Every_event_has_a_publisher_and_a_consumer()
    {
        // An event nobody consumes waits in its outbox forever (mandatory routing); one nobody publishes is dead code,
        // unless the catalogue says earlier versions publish it (its consumer reads what was queued at an upgrade).
        var documented = Documented();
        foreach (var (name, flow) in InCode())
        {
            Assert.True(flow.Publishers.Count > 0 || (documented.TryGetValue(name, out var entry) && OnlyEarlierVersionsPublish(entry)), $"{name} has consumers but no publisher");
            Assert.True(flow.Consumers.Count > 0, $"{name} is published but nobody consumes it");
        }
    }
}
