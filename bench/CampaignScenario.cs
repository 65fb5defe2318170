using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.Bench;

/// <summary>
/// Scenario 1 (R12): the one-time living subsidy for a roster of N recipients, from the start of the
/// campaign until every payment is instructed and then settled by the sandbox bank. The roster's June
/// payments are seeded into relief's copy of the roster (what eligibility's monthly run fills), the
/// county allocations are made through the API, the campaign is started through the gateway.
/// Baseline: a bare binary COPY of N payment-wide rows into a fresh table of the payments database.
/// Run it first on a fresh platform (its progress counts every payment of the payments database).
/// </summary>
public static class CampaignScenario
{
    private const decimal Amount = 800.00m;

    public static async Task<List<Figure>> RunAsync(BenchPlatform platform, int n, TimeSpan timeout, int statements = 0)
    {
        const string name = "1 one-time subsidy (R12)";
        var figures = new List<Figure>();
        var relief = await platform.ConnectionStringAsync(ResourceNames.ReliefDb);
        var payments = await platform.ConnectionStringAsync(ResourceNames.PaymentsDb);

        Console.WriteLine($"[1] seeding {n:N0} roster payments for June…");
        var seeded = Stopwatch.GetTimestamp();
        await using (var source = NpgsqlDataSource.Create(relief))
        await using (var connection = await source.OpenConnectionAsync())
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY roster_payments (reference, recipient_id, category, payee_id_number, payee_name, county, month, amount, persons, per_person_standard) FROM STDIN (FORMAT BINARY)"))
        {
            var month = new DateOnly(2026, 6, 1);
            for (var i = 0; i < n; i++)
            {
                var recipient = Guid.CreateVersion7();
                await copy.StartRowAsync();
                await copy.WriteAsync($"dibao:{recipient}:2026-06", NpgsqlDbType.Varchar);
                await copy.WriteAsync(recipient, NpgsqlDbType.Uuid);
                await copy.WriteAsync(i % 10 == 0 ? "tekun" : "dibao", NpgsqlDbType.Varchar);
                await copy.WriteAsync(People.IdNumber(i), NpgsqlDbType.Varchar);
                await copy.WriteAsync("救助对象", NpgsqlDbType.Varchar);
                await copy.WriteAsync(People.County(i), NpgsqlDbType.Varchar);
                await copy.WriteAsync(month, NpgsqlDbType.Date);
                await copy.WriteAsync(Amount, NpgsqlDbType.Numeric);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteNullAsync();
            }

            await copy.CompleteAsync();
        }

        Console.WriteLine($"[1] seeded in {Clock.Seconds(seeded):0.0} s; allocating funds…");
        using var gateway = await platform.ClientAsync(platform.Gateway);
        await BenchFunds.AllocateAsync(gateway, "central", "一次性生活补贴资金（基准测试）", "one-time-subsidy", Amount * (n / People.Counties.Length + 1));

        ServiceMemory.ResetPeaks();
        var cpu = ServiceCpu.Snapshot();
        if (statements > 0)
        {
            await Statements.ResetAsync(payments);
        }

        Console.WriteLine("[1] starting the campaign…");
        var started = Stopwatch.GetTimestamp();
        using var campaign = await gateway.PostAsJsonAsync("/api/relief/campaigns/one-time-living-subsidy", new { referenceMonth = "2026-06", deadline = "2026-07-15", createdBy = "bench" });
        campaign.EnsureSuccessStatusCode();

        double? instructedAt = null, settledAt = null;
        await using (var source = NpgsqlDataSource.Create(payments))
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            var lastPrint = 0.0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                // Cheap to ask on a fresh platform (campaign payments are its only payments), so the harness
                // does not slow what it measures: the highest key counts the instructions, reconciled batches
                // (control totals) the settled payments (the sandbox bank fails none unless told to).
                await using var command = source.CreateCommand("""
                    SELECT coalesce((SELECT max(key) FROM payments), 0),
                           coalesce((SELECT sum(declared_count) FROM payment_batches WHERE status = 'Reconciled'), 0)
                    """);
                await using var reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                var instructed = reader.GetInt64(0);
                var settled = reader.GetInt64(1);
                var elapsed = Clock.Seconds(started);
                if (instructedAt is null && instructed >= n)
                {
                    instructedAt = elapsed;
                }

                if (settled >= n)
                {
                    settledAt = elapsed;
                    break;
                }

                if (elapsed - lastPrint >= 10)
                {
                    Console.WriteLine($"[1] {elapsed:0} s: {instructed:N0} instructed, {settled:N0} settled");
                    lastPrint = elapsed;
                }

                await Task.Delay(1000);
            }
        }

        var cpuFigures = ServiceCpu.AsFigures(name, cpu, Clock.Seconds(started)).ToList();
        if (statements > 0)
        {
            Console.WriteLine($"[1] the {statements} statements PostgreSQL spent most time on:");
            await Statements.PrintAsync(payments, statements);
            await using var source = NpgsqlDataSource.Create(payments);
            await using var hot = source.CreateCommand("SELECT n_tup_ins, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'payments'");
            await using var reader = await hot.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                Console.WriteLine($"[1] payments: {reader.GetInt64(0):N0} rows inserted, {reader.GetInt64(1):N0} updated, of which {reader.GetInt64(2):N0} HOT (no index written)");
            }
        }

        Console.WriteLine("[1] baseline: binary COPY of the same number of payment rows…");
        var baseline = await CopyBaselineAsync(payments, n);
        figures.Add(new Figure(name, $"all {n:N0} payments instructed", instructedAt ?? double.NaN, "s", baseline, "binary COPY of N rows"));
        figures.Add(new Figure(name, $"all {n:N0} payments settled", settledAt ?? double.NaN, "s", baseline, "binary COPY of N rows"));
        if (settledAt is { } s)
        {
            figures.Add(new Figure(name, "throughput to settled", n / s, "payments/s", n / baseline, "COPY rows/s", HigherIsBetter: true));
        }

        figures.AddRange(ServiceMemory.AsFigures(name));
        figures.AddRange(cpuFigures);
        return figures;
    }

    /// <summary>A fresh table as wide as a payment instruction, filled with one binary COPY.</summary>
    public static async Task<double> CopyBaselineAsync(string connectionString, int n)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var connection = await source.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand("""
            DROP TABLE IF EXISTS bench_copy_baseline;
            CREATE TABLE bench_copy_baseline (key bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, payment_id uuid NOT NULL, reference varchar(120) NOT NULL,
                origin varchar(32) NOT NULL, purpose varchar(32) NOT NULL, payee_id_number varchar(18) NOT NULL, payee_name varchar(50) NOT NULL,
                county varchar(6) NOT NULL, amount numeric(14,2) NOT NULL, due_date date NOT NULL, status varchar(16) NOT NULL)
            """, connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var started = Stopwatch.GetTimestamp();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY bench_copy_baseline (payment_id, reference, origin, purpose, payee_id_number, payee_name, county, amount, due_date, status) FROM STDIN (FORMAT BINARY)"))
        {
            var due = DateOnly.FromDateTime(DateTime.UtcNow);
            for (var i = 0; i < n; i++)
            {
                var id = Guid.CreateVersion7();
                await copy.StartRowAsync();
                await copy.WriteAsync(id, NpgsqlDbType.Uuid);
                await copy.WriteAsync($"one-time-subsidy:{id}:{id}", NpgsqlDbType.Varchar);
                await copy.WriteAsync("campaign", NpgsqlDbType.Varchar);
                await copy.WriteAsync("one-time-subsidy", NpgsqlDbType.Varchar);
                await copy.WriteAsync(People.IdNumber(i), NpgsqlDbType.Varchar);
                await copy.WriteAsync("救助对象", NpgsqlDbType.Varchar);
                await copy.WriteAsync(People.County(i), NpgsqlDbType.Varchar);
                await copy.WriteAsync(Amount, NpgsqlDbType.Numeric);
                await copy.WriteAsync(due, NpgsqlDbType.Date);
                await copy.WriteAsync("Settled", NpgsqlDbType.Varchar);
            }

            await copy.CompleteAsync();
        }

        var seconds = Clock.Seconds(started);
        await using (var drop = new NpgsqlCommand("DROP TABLE bench_copy_baseline", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        return seconds;
    }
}
