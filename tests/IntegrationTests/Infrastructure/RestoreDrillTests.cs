using System.Diagnostics;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using Npgsql;
using ReliefPlatform.AppHost.Infrastructure.Local;
using ReliefPlatform.Contracts;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// Issue 23, the restore drill of the runbook (docs/operations.md): a service's database is dumped from the running
/// platform with <c>pg_dump -Fc</c>, restored with <c>pg_restore</c> into a new PostgreSQL instance, and every
/// table's figures — its rows and a digest of their content — are the same in both.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RestoreDrillTests(PlatformFixture platform)
{
    [Theory]
    [InlineData(ResourceNames.IntakeDb)]
    [InlineData(ResourceNames.PaymentsDb)]
    public async Task A_database_dumped_from_the_running_platform_and_restored_into_a_new_instance_has_the_same_figures(string database)
    {
        // Something to restore besides what other tests left: an application and its probe's way through the services.
        using (var submitted = await platform.Gateway.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.Dibao(TestIds.New())))
        {
            submitted.EnsureSuccessStatusCode();
        }

        var binaries = LocalServerBinaries.Locate(out var missing) ?? throw new InvalidOperationException($"Missing: {string.Join(", ", missing)}");
        var source = new NpgsqlConnectionStringBuilder(await platform.App.GetConnectionStringAsync(database));
        var dump = Path.Combine(Path.GetTempPath(), $"restore-drill-{Guid.NewGuid():N}.dump");
        var servers = new MessagingServersFixture();
        try
        {
            // The figures and the dump from one snapshot: the platform goes on working meanwhile.
            await using var live = new NpgsqlConnection(source.ConnectionString);
            await live.OpenAsync();
            await using var snapshotTransaction = await live.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
            var snapshot = (string)(await new NpgsqlCommand("SELECT pg_export_snapshot()", live, snapshotTransaction).ExecuteScalarAsync())!;
            var before = await FiguresAsync(live, snapshotTransaction);
            await RunAsync(binaries, source, "pg_dump", "--format=custom", $"--snapshot={snapshot}", $"--file={dump}", $"--dbname={source.Database}");
            await snapshotTransaction.CommitAsync();

            // A new instance, started the way the platform starts its own, with an empty database to restore into.
            await servers.InitializeAsync();
            var target = new NpgsqlConnectionStringBuilder(await servers.CreateDatabaseAsync());
            await RunAsync(binaries, target, "pg_restore", "--no-owner", "--exit-on-error", $"--dbname={target.Database}", dump);

            await using var restored = new NpgsqlConnection(target.ConnectionString);
            await restored.OpenAsync();
            var after = await FiguresAsync(restored, null);

            Assert.True(before.Count >= 5, $"{database} has its tables ({before.Count})");
            Assert.Contains(before, table => table.Key == "__EFMigrationsHistory" && table.Value.Rows > 0);
            Assert.Equal(before, after);
        }
        finally
        {
            await servers.DisposeAsync();
            File.Delete(dump);
        }
    }

    private sealed record TableFigures(long Rows, string Digest);

    /// <summary>Every table of the public schema: its rows, and the MD5 of its rows' text in order (equal content, equal digest).</summary>
    private static async Task<SortedDictionary<string, TableFigures>> FiguresAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection, transaction))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var figures = new SortedDictionary<string, TableFigures>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') FROM public.\"{table}\" t", connection, transaction);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            figures[table] = new TableFigures(reader.GetInt64(0), reader.GetString(1));
        }

        return figures;
    }

    /// <summary>A PostgreSQL client program of the server's own version, against the server of <paramref name="server"/>.</summary>
    private static async Task RunAsync(LocalServerBinaries binaries, NpgsqlConnectionStringBuilder server, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(binaries.PostgresBinDirectory, program))
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            Environment = { ["PGHOST"] = server.Host, ["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["PGUSER"] = server.Username, ["PGPASSWORD"] = server.Password },
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {await errors}");
    }
}
