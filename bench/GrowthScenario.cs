using System.Diagnostics;
using Npgsql;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.Bench;

/// <summary>
/// Scenario 5 (issue 23): years of payments. Seeds a year of monthly payments (<c>--growth-per-year</c>, 20 million
/// by default: Jiangxi's 1.5 million recipients paid monthly and then some) into two copies of payments' table beside
/// the live one, times the hot queries, seeds two more years before it, and times them again. The copies:
/// <list type="bullet">
/// <item><c>growth_plain</c>: the production table as it is (<c>LIKE payments INCLUDING ALL</c>: the same columns,
/// fill factor and indexes, partial ones included).</item>
/// <item><c>growth_monthly</c>: the same partitioned by month of <c>due_date</c>, each unique index and the primary key
/// extended by <c>due_date</c> (PostgreSQL's condition for a unique index on a partitioned table).</item>
/// </list>
/// The baseline of each figure is the same query in the same copy on one year: "flat" is a ratio near 1.
/// </summary>
public static class GrowthScenario
{
    private const int Counties = 100;
    private const int Samples = 200;

    private sealed record Query(string Name, Func<string, int, string> Sql);

    /// <summary>
    /// The hot queries. Month 0 is the current month; a query of the partitioned copy names the month it concerns
    /// where the caller knows it (a batch's month, a statement's month), which is what lets the planner read one partition.
    /// </summary>
    private static readonly Query[] Queries =
    [
        new("a county's current batch (its payments)", (schema, i) =>
            $"SELECT key, reference, amount, status FROM {schema}.payments WHERE batch_key = {BatchKey(0, i % Counties)}{MonthFilter(schema)}"),
        new("a person's payments: first page of 20 and the total", (schema, i) =>
            $"SELECT key, reference, amount, status, due_date, count(*) OVER () FROM {schema}.payments WHERE payee_id_number = '{Person(i * 7919L % PersonsSample)}' ORDER BY key LIMIT 20"),
        new("reconciliation: 1,000 statement lines by reference", (schema, i) =>
            $"SELECT key, amount, status FROM {schema}.payments WHERE reference = ANY(ARRAY[{string.Join(',', Enumerable.Range(0, 1000).Select(n => $"'{Reference(0, (i * 1000L + n) % PersonsSample)}'"))}]){MonthFilter(schema)}"),
        new("payments waiting for money in a county", (schema, i) =>
            $"SELECT key FROM {schema}.payments WHERE allocation_key IS NULL AND county = '{County(i % Counties)}' ORDER BY county, purpose, key LIMIT 500"),
        new("a payment by its id", (schema, i) =>
            $"SELECT key, status FROM {schema}.payments WHERE payment_id = md5('0:{i * 104729L % PersonsSample}')::uuid"),
    ];

    /// <summary>Persons whose ids the queries pick from: each is paid every month, so every pick finds rows.</summary>
    private static long PersonsSample { get; set; }

    /// <param name="copies">Which copies to seed: <c>growth_plain</c>, <c>growth_monthly</c> or both (two copies of 60 million rows need about 60 GB).</param>
    public static async Task<List<Figure>> RunAsync(BenchPlatform platform, int perYear, IReadOnlyList<string> copies)
    {
        const string name = "5 three years of payments (issue 23)";
        var perMonth = perYear / 12;
        PersonsSample = perMonth;
        await using var source = NpgsqlDataSource.Create(await platform.ConnectionStringAsync(ResourceNames.PaymentsDb));
        await CreateCopiesAsync(source);
        var figures = new List<Figure>();
        var oneYear = new Dictionary<(string, string), double>();
        foreach (var (label, months) in new[] { ("one year", Enumerable.Range(-11, 12)), ("three years", Enumerable.Range(-35, 24)) })
        {
            foreach (var schema in copies)
            {
                var seeding = Stopwatch.StartNew();
                foreach (var month in months)
                {
                    await ExecuteAsync(source, SeedSql(schema, month, perMonth));
                }

                await ExecuteAsync(source, $"VACUUM ANALYZE {schema}.payments");
                var rows = await ScalarAsync<long>(source, $"SELECT count(*) FROM {schema}.payments");
                Console.WriteLine($"[5] {schema}: {rows:N0} payments ({label}) seeded in {seeding.Elapsed.TotalSeconds:0} s; "
                    + $"table and indexes {await ScalarAsync<long>(source, $"SELECT sum(pg_total_relation_size(c.oid))::bigint FROM pg_class c WHERE c.relnamespace = '{schema}'::regnamespace AND c.relkind = 'r'") / 1_048_576:N0} MB");
                foreach (var query in Queries)
                {
                    var median = await MedianAsync(source, query, schema);
                    if (label == "one year")
                    {
                        oneYear[(schema, query.Name)] = median;
                    }
                    else
                    {
                        figures.Add(new Figure(name, $"{query.Name}, {Variant(schema)}, three years", median, "ms", oneYear[(schema, query.Name)], $"one year, {Variant(schema)}"));
                    }

                    Console.WriteLine($"[5] {schema} {label}: {query.Name}: median {median:0.000} ms");
                }
            }
        }

        foreach (var schema in (string[])["growth_plain", "growth_monthly"])
        {
            await ExecuteAsync(source, $"DROP SCHEMA {schema} CASCADE");
        }

        return figures;
    }

    private static string Variant(string schema) => schema == "growth_plain" ? "one table" : "monthly partitions";

    private static string MonthFilter(string schema) => schema == "growth_monthly" ? $" AND due_date >= '{MonthStart(0):yyyy-MM-dd}' AND due_date < '{MonthStart(1):yyyy-MM-dd}'" : "";

    private static DateOnly MonthStart(int month)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return new DateOnly(today.Year, today.Month, 1).AddMonths(month);
    }

    private static long BatchKey(int month, int county) => (10_000L + month) * 1_000 + county;

    private static string County(long county) => $"36{county:0000}";

    private static string Person(long person) => $"36{person:0000000000000000}";

    private static string Reference(int month, long person) => $"monthly:{MonthStart(month):yyyy-MM}:{person}";

    /// <summary>The median of <see cref="Samples"/> runs of the query with different parameters, after a warm-up run.</summary>
    private static async Task<double> MedianAsync(NpgsqlDataSource source, Query query, string schema)
    {
        await using var connection = await source.OpenConnectionAsync();
        var times = new List<double>(Samples);
        for (var i = -1; i < Samples; i++)
        {
            await using var command = new NpgsqlCommand(query.Sql(schema, i + 1), connection);
            var started = Stopwatch.GetTimestamp();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                }
            }

            if (i >= 0)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>
    /// Both copies, from the live table's own definition: the plain one with everything; the partitioned one with the
    /// live table's indexes re-made on it, unique ones extended by the partition key.
    /// </summary>
    private static async Task CreateCopiesAsync(NpgsqlDataSource source)
    {
        await ExecuteAsync(source, """
            DROP SCHEMA IF EXISTS growth_plain CASCADE;
            DROP SCHEMA IF EXISTS growth_monthly CASCADE;
            CREATE SCHEMA growth_plain;
            CREATE SCHEMA growth_monthly;
            CREATE TABLE growth_plain.payments (LIKE public.payments INCLUDING ALL);
            ALTER TABLE growth_plain.payments SET (fillfactor = 50); -- as the live table (LIKE does not copy storage parameters)
            CREATE TABLE growth_monthly.payments (LIKE public.payments INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING STORAGE)
                PARTITION BY RANGE (due_date);
            ALTER TABLE growth_monthly.payments ADD PRIMARY KEY (key, due_date);
            DO $$
            DECLARE definition text;
            BEGIN
                FOR definition IN
                    SELECT CASE WHEN i.indisunique
                        THEN regexp_replace(pg_get_indexdef(i.indexrelid), '\)$', ', due_date)')
                        ELSE pg_get_indexdef(i.indexrelid) END
                    FROM pg_index i WHERE i.indrelid = 'public.payments'::regclass AND NOT i.indisprimary
                LOOP
                    EXECUTE regexp_replace(replace(definition, ' ON public.payments ', ' ON growth_monthly.payments '), 'INDEX (\w+) ', 'INDEX growth_\1 ');
                END LOOP;
            END $$;
            """);
        for (var month = -35; month <= 0; month++)
        {
            await ExecuteAsync(source, $"CREATE TABLE growth_monthly.payments_{month + 100} PARTITION OF growth_monthly.payments "
                + $"FOR VALUES FROM ('{MonthStart(month):yyyy-MM-dd}') TO ('{MonthStart(month + 1):yyyy-MM-dd}') WITH (fillfactor = 50)");
        }
    }

    /// <summary>
    /// A month of payments: every person of the month once, spread over the counties, one batch per county; the
    /// current month's are submitted (one in a hundred still waiting for money), earlier months' settled.
    /// </summary>
    private static string SeedSql(string schema, int month, int perMonth) => $"""
        INSERT INTO {schema}.payments (payment_id, reference, origin, purpose, payee_id_number, payee_name, county, amount, due_date,
            status, allocation_key, attempts, batch_key, created_at, updated_at)
        SELECT md5('{month}:' || i)::uuid, 'monthly:{MonthStart(month):yyyy-MM}:' || i, 'roster', 'dibao', '36' || lpad(i::text, 16, '0'), '某某',
            '36' || lpad((i % {Counties})::text, 4, '0'), 850.00, '{MonthStart(month).AddDays(9):yyyy-MM-dd}',
            CASE WHEN {month} < 0 THEN 'Settled' WHEN i % 100 = 0 THEN 'Instructed' ELSE 'Submitted' END,
            CASE WHEN {month} = 0 AND i % 100 = 0 THEN NULL ELSE 1 END, 1,
            CASE WHEN {month} = 0 AND i % 100 = 0 THEN NULL ELSE {BatchKey(month, 0)} + i % {Counties} END,
            '{MonthStart(month):yyyy-MM-dd}T00:00:00+08', '{MonthStart(month):yyyy-MM-dd}T00:00:00+08'
        FROM generate_series(0, {perMonth - 1}) i
        """;

    private static async Task ExecuteAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        command.CommandTimeout = 0;
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
