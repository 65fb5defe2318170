using System.Text.RegularExpressions;

namespace ReliefPlatform.IntegrationTests.Platform;

/// <summary>
/// Issue 24: a healthy platform is a quiet one. An operator reads a warning or an error on the dashboard as
/// "something needs me"; a clean start and an idle platform must not write any, or the real ones drown.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class CleanStartTests(PlatformFixture platform)
{
    [Fact]
    public void A_clean_start_and_an_idle_platform_log_no_warning_or_error()
    {
        var loud = PlatformFixture.DotNetResources
            .SelectMany(resource => LoudLines(platform.StartLogsOf(resource)).Select(line => $"{resource}: {line}"))
            .ToList();

        Assert.True(loud.Count == 0, "Logged at Warning or above while starting and idle:\n" + string.Join('\n', loud));
    }

    [Fact]
    public void The_start_logs_are_read_and_a_warning_in_them_would_be_found()
    {
        Assert.Single(LoudLines("2026-12-06T12:50:16.1070000Z \u001b[40m\u001b[1m\u001b[33mwarn\u001b[39m\u001b[22m\u001b[49m: Some.Category[7]\n2026-12-06T12:50:16.1070000Z       Something to look at\n"));
        Assert.Single(LoudLines("fail: Some.Category[3]\n      Broken\n"));
        Assert.Empty(LoudLines("2026-12-06T12:50:16.1070000Z info: Some.Category[0]\n      All is well: warn: is only quoted\n"));

        // The check above means something only if the logs it reads are there: each process says it listens.
        foreach (var resource in PlatformFixture.DotNetResources)
        {
            Assert.Contains("Now listening on", platform.StartLogsOf(resource), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Lines with the console logger's level prefix (<c>warn:</c>, <c>fail:</c>, <c>crit:</c>), each with the line after it
    /// (the message). The orchestrator puts a timestamp before each line; the logger may colour the prefix.
    /// </summary>
    public static IEnumerable<string> LoudLines(string log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var lines = Colour().Replace(log, "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (LoudPrefix().IsMatch(lines[i]))
            {
                yield return i + 1 < lines.Length ? $"{lines[i].Trim()} {lines[i + 1].Trim()}" : lines[i].Trim();
            }
        }
    }

    [GeneratedRegex(@"^(\S+Z\s+)?\s*(warn|fail|crit):", RegexOptions.CultureInvariant)]
    private static partial Regex LoudPrefix();

    [GeneratedRegex(@"\x1b\[[0-9;]*m", RegexOptions.CultureInvariant)]
    private static partial Regex Colour();
}
