using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.Bench;

/// <summary>
/// Scenario 4 (R2): a department's feed of <c>records</c> records (CSV, through the gateway) matched
/// against a roster of <c>roster</c> persons. The roster is seeded into eligibility's tables with binary
/// COPY; one record in ten is a near-dibao person on it who lost a job (a warning and a lead follow).
/// Baseline: the equivalent work in bare SQL: COPY of the feed into a fresh table and the single join.
/// </summary>
public static class MonitoringScenario
{
    public static async Task<List<Figure>> RunAsync(BenchPlatform platform, int roster, int records)
    {
        const string name = "4 monitoring feed (R2)";
        var eligibility = await platform.ConnectionStringAsync(ResourceNames.EligibilityDb);
        Console.WriteLine($"[4] seeding a roster of {roster:N0} persons…");
        await using var source = NpgsqlDataSource.Create(eligibility);
        await SeedRosterAsync(source, roster);

        var feed = new StringBuilder("idNumber,name,county,signal,amount\n");
        for (var i = 0; i < records; i++)
        {
            // Every tenth record is someone on the roster; the others are not.
            var person = i % 10 == 0 ? People.IdNumber((long)i * 7 % roster, salt: 3) : People.IdNumber(i, salt: 4);
            feed.Append(person).Append(",姓名,").Append(People.County(i)).Append(",job-lost,\n");
        }

        using var gateway = await platform.ClientAsync(platform.Gateway);
        ServiceMemory.ResetPeaks();
        Console.WriteLine($"[4] posting a {records:N0}-record feed…");
        var started = Stopwatch.GetTimestamp();
        using var content = new StringContent(feed.ToString(), Encoding.UTF8, "text/csv");
        using var response = await gateway.PostAsync("/api/eligibility/feeds/hrss", content);
        var seconds = Clock.Seconds(started);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The feed was refused: {(int)response.StatusCode} {body}");
        }

        var result = JsonDocument.Parse(body).RootElement;
        var (copyAndJoin, joinOnly) = await BaselineAsync(source, feed.ToString(), records);
        var figures = new List<Figure>
        {
            new(name, $"feed end to end ({result.GetProperty("warnings").GetInt32():N0} warnings)", seconds, "s", copyAndJoin, "COPY + one join"),
            new(name, "matching in the service", result.GetProperty("matchMilliseconds").GetInt64() / 1000.0, "s", joinOnly, "the join alone"),
            new(name, "records/s end to end", records / seconds, "records/s", records / copyAndJoin, "COPY + join", HigherIsBetter: true),
        };
        figures.AddRange(ServiceMemory.AsFigures(name));
        return figures;
    }

    private static async Task SeedRosterAsync(NpgsqlDataSource source, int roster)
    {
        await using var connection = await source.OpenConnectionAsync();
        const long firstKey = 100_000_000;
        await using (var recipients = await connection.BeginBinaryImportAsync(
            "COPY recipients (key, recipient_id, category, status, head_id_number, head_name, county, area_type, monthly_amount, start_date) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < roster; i++)
            {
                await recipients.StartRowAsync();
                await recipients.WriteAsync(firstKey + i, NpgsqlDbType.Bigint);
                await recipients.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await recipients.WriteAsync(i % 2 == 0 ? "NearDibao" : "Dibao", NpgsqlDbType.Varchar);
                await recipients.WriteAsync("Active", NpgsqlDbType.Varchar);
                await recipients.WriteAsync(People.IdNumber(i, salt: 3), NpgsqlDbType.Varchar);
                await recipients.WriteAsync("户主", NpgsqlDbType.Varchar);
                await recipients.WriteAsync(People.County(i), NpgsqlDbType.Varchar);
                await recipients.WriteAsync("Urban", NpgsqlDbType.Varchar);
                await recipients.WriteAsync(600m, NpgsqlDbType.Numeric);
                await recipients.WriteAsync(new DateOnly(2025, 1, 1), NpgsqlDbType.Date);
            }

            await recipients.CompleteAsync();
        }

        await using (var persons = await connection.BeginBinaryImportAsync(
            "COPY roster_persons (recipient_key, id_number, category, is_active) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < roster; i++)
            {
                await persons.StartRowAsync();
                await persons.WriteAsync(firstKey + i, NpgsqlDbType.Bigint);
                await persons.WriteAsync(People.IdNumber(i, salt: 3), NpgsqlDbType.Varchar);
                await persons.WriteAsync(i % 2 == 0 ? "NearDibao" : "Dibao", NpgsqlDbType.Varchar);
                await persons.WriteAsync(true, NpgsqlDbType.Boolean);
            }

            await persons.CompleteAsync();
        }

        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE recipients; ANALYZE roster_persons;";
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task<(double CopyAndJoin, double JoinOnly)> BaselineAsync(NpgsqlDataSource source, string csv, int records)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "DROP TABLE IF EXISTS bench_feed; CREATE TABLE bench_feed (id_number varchar(18) NOT NULL, name varchar(50), county varchar(6), signal varchar(32) NOT NULL, amount numeric(14,2))";
            await create.ExecuteNonQueryAsync();
        }

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        var started = Stopwatch.GetTimestamp();
        await using (var copy = await connection.BeginBinaryImportAsync("COPY bench_feed (id_number, name, county, signal, amount) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var line in lines)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(line[0], NpgsqlDbType.Varchar);
                await copy.WriteAsync(line[1], NpgsqlDbType.Varchar);
                await copy.WriteAsync(line[2], NpgsqlDbType.Varchar);
                await copy.WriteAsync(line[3], NpgsqlDbType.Varchar);
                await copy.WriteNullAsync();
            }

            await copy.CompleteAsync();
        }

        var joinStarted = Stopwatch.GetTimestamp();
        await using (var join = connection.CreateCommand())
        {
            join.CommandText = """
                SELECT count(*) FROM bench_feed f
                JOIN roster_persons p ON p.id_number = f.id_number AND p.is_active AND p.category = 'NearDibao'
                JOIN recipients r ON r.key = p.recipient_key
                WHERE f.signal = 'job-lost'
                """;
            await join.ExecuteScalarAsync();
        }

        var joinOnly = Clock.Seconds(joinStarted);
        var total = Clock.Seconds(started);
        await using (var drop = connection.CreateCommand())
        {
            drop.CommandText = "DROP TABLE bench_feed";
            await drop.ExecuteNonQueryAsync();
        }

        return (total, joinOnly);
    }
}
