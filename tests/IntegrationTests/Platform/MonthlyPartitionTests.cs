using Aspire.Hosting.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReliefPlatform.Contracts;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.IntegrationTests.Platform;

/// <summary>
/// Issue 23: the append-only tables that grow for years (every service's audit trail, intake's application timeline,
/// notification's delivery attempts) are partitioned by month, with partitions made months ahead of their rows.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class MonthlyPartitionTests(PlatformFixture platform)
{
    public static TheoryData<string, string> PartitionedTables => new()
    {
        { ResourceNames.IntakeDb, "audit_trail" },
        { ResourceNames.IntakeDb, "application_timeline" },
        { ResourceNames.EligibilityDb, "audit_trail" },
        { ResourceNames.ReliefDb, "audit_trail" },
        { ResourceNames.PaymentsDb, "audit_trail" },
        { ResourceNames.NotificationDb, "audit_trail" },
        { ResourceNames.NotificationDb, "delivery_attempts" },
        { ResourceNames.OversightDb, "audit_trail" },
        { ResourceNames.IdentityDb, "audit_trail" },
    };

    [Theory]
    [MemberData(nameof(PartitionedTables))]
    public async Task The_table_is_partitioned_by_month_with_this_month_and_the_next_three_ready(string database, string table)
    {
        await using var connection = new NpgsqlConnection(await platform.App.GetConnectionStringAsync(database));
        await connection.OpenAsync();
        await ExecuteAsync(connection, "SET TimeZone = 'UTC'");

        var partitions = await PartitionsAsync(connection, table);

        var month = ChinaTime.Today(TimeProvider.System);
        month = new DateOnly(month.Year, month.Month, 1);
        for (var ahead = 0; ahead <= MonthlyPartitions.DefaultMonthsAhead; ahead++)
        {
            var expected = $"{table}_y{month.AddMonths(ahead):yyyy}m{month.AddMonths(ahead):MM}";
            Assert.Contains(expected, partitions);
            // The bounds are midnight China time on the first of the month (operators count months so).
            var bound = await ScalarAsync<string>(connection, $"SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = '{expected}'");
            Assert.StartsWith($"FOR VALUES FROM ('{month.AddMonths(ahead).AddDays(-1):yyyy-MM-dd} 16:00:00+00')", bound, StringComparison.Ordinal);
        }

        Assert.Contains($"{table}_default", partitions);
    }

    /// <summary>Every service's trail, oversight's included (it had been made without the triggers until it was partitioned).</summary>
    [Theory]
    [InlineData(ResourceNames.IntakeDb)]
    [InlineData(ResourceNames.EligibilityDb)]
    [InlineData(ResourceNames.ReliefDb)]
    [InlineData(ResourceNames.PaymentsDb)]
    [InlineData(ResourceNames.NotificationDb)]
    [InlineData(ResourceNames.OversightDb)]
    [InlineData(ResourceNames.IdentityDb)]
    public async Task The_audit_trail_stays_append_only_in_every_partition(string database)
    {
        await using var connection = new NpgsqlConnection(await platform.App.GetConnectionStringAsync(database));
        await connection.OpenAsync();
        var month = ChinaTime.Today(TimeProvider.System);
        var partition = $"audit_trail_y{month:yyyy}m{month:MM}";
        // A row of this month to refuse changing (row triggers fire only on rows).
        await ExecuteAsync(connection, """
            INSERT INTO audit_trail (at, actor_kind, actor_id, actor_name, entity, entity_id, action, changes)
            VALUES (now(), 'System', 'MonthlyPartitionTests', 'MonthlyPartitionTests', 'PartitionTest', 'x', 'Tested', '{}')
            """);

        // Through the table and through a month's partition alike: the row trigger is on every partition.
        foreach (var sql in (string[])["UPDATE audit_trail SET actor_name = 'someone else' WHERE entity = 'PartitionTest'",
                     $"DELETE FROM {partition} WHERE entity = 'PartitionTest'", "TRUNCATE audit_trail"])
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
    }

    /// <summary>
    /// The migration step on a table that already holds rows of several months (an upgrade of a running province):
    /// every row kept in its month, identity values kept and continued, indexes and foreign keys carried over.
    /// </summary>
    [Fact]
    public async Task Converting_a_table_with_rows_keeps_every_row_in_its_month_and_the_identity_going()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(platform);
        await using var connection = await scratch.OpenAsync();
        var thisMonth = ChinaTime.Today(TimeProvider.System);
        var fourteenMonthsAgo = new DateOnly(thisMonth.Year, thisMonth.Month, 1).AddMonths(-14);
        await ExecuteAsync(connection, $"""
            CREATE TABLE parents (key bigint PRIMARY KEY);
            INSERT INTO parents VALUES (1);
            CREATE TABLE entries (key bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_entries PRIMARY KEY,
                at timestamptz NOT NULL, parent_key bigint REFERENCES parents (key), note text NOT NULL);
            CREATE INDEX ix_entries_parent_key ON entries (parent_key);
            INSERT INTO entries (at, parent_key, note) VALUES
                ('{fourteenMonthsAgo:yyyy-MM-dd} 00:30:00+08', 1, 'first hour of a month, China time'),
                ('{fourteenMonthsAgo:yyyy-MM-dd} 07:59:00+08', NULL, 'still the previous day in UTC'),
                (now(), 1, 'today');
            """);

        await ExecuteAsync(connection, MonthlyPartitions.ConvertSql("entries", "at", "key"));

        var placed = await RowsAsync(connection, "SELECT tableoid::regclass::text || ' ' || note FROM entries ORDER BY key");
        Assert.Equal(
            [
                $"entries_y{fourteenMonthsAgo:yyyy}m{fourteenMonthsAgo:MM} first hour of a month, China time",
                $"entries_y{fourteenMonthsAgo:yyyy}m{fourteenMonthsAgo:MM} still the previous day in UTC",
                $"entries_y{thisMonth:yyyy}m{thisMonth:MM} today",
            ],
            placed);
        // Every month from the oldest row's to three ahead, none missing in between.
        Assert.Equal(14 + 1 + MonthlyPartitions.DefaultMonthsAhead + 1, (await PartitionsAsync(connection, "entries")).Count);
        Assert.Equal(4L, await ScalarAsync<long>(connection, "INSERT INTO entries (at, note) VALUES (now(), 'after') RETURNING key"));
        Assert.Equal(1L, await ScalarAsync<long>(connection, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'entries'::regclass AND contype = 'f'"));
        Assert.Equal(1L, await ScalarAsync<long>(connection, "SELECT count(*) FROM pg_indexes WHERE tablename = 'entries' AND indexname = 'ix_entries_parent_key'"));
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, "INSERT INTO entries (at, parent_key, note) VALUES (now(), 99, 'no such parent')"));
    }

    [Fact]
    public async Task A_table_with_a_unique_key_is_refused_rather_than_made_unique_within_a_month_only()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(platform);
        await using var connection = await scratch.OpenAsync();
        await ExecuteAsync(connection, """
            CREATE TABLE references_made (key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL, reference text NOT NULL UNIQUE);
            """);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, MonthlyPartitions.ConvertSql("references_made", "at", "key")));

        Assert.Contains("unique within a month only", refused.MessageText, StringComparison.Ordinal);
        Assert.Empty(await PartitionsAsync(connection, "references_made"));
    }

    /// <summary>The maintainer's step: next months made as time goes on; a month whose rows already sit in the default partition is left there.</summary>
    [Fact]
    public async Task The_maintainer_makes_next_months_and_leaves_a_month_held_by_the_default_partition()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(platform);
        await using (var connection = await scratch.OpenAsync())
        {
            await ExecuteAsync(connection, "CREATE TABLE entries (key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL)");
            await ExecuteAsync(connection, MonthlyPartitions.ConvertSql("entries", "at", "key"));
        }

        var today = ChinaTime.Today(TimeProvider.System);
        var inSixMonths = new DateOnly(today.Year, today.Month, 1).AddMonths(6);
        await using (var connection = await scratch.OpenAsync())
        {
            // A row of a month without a partition yet (a back-dated import, a stopped maintainer) lands in the default.
            await ExecuteAsync(connection, $"INSERT INTO entries (at) VALUES ('{inSixMonths.AddMonths(1):yyyy-MM-dd} 12:00:00+08')");
        }

        await using var db = new DbContext(new DbContextOptionsBuilder().UseNpgsql(scratch.ConnectionString).Options);
        var outcomes = await PartitionMaintainer<DbContext>.EnsureAheadAsync(db, inSixMonths, 3, CancellationToken.None);

        Assert.Equal(
            [("entries", inSixMonths, "created"), ("entries", inSixMonths.AddMonths(1), "held"), ("entries", inSixMonths.AddMonths(2), "created"), ("entries", inSixMonths.AddMonths(3), "created")],
            outcomes);
        Assert.Equal([("entries", inSixMonths, "exists"), ("entries", inSixMonths.AddMonths(1), "held")], (await PartitionMaintainer<DbContext>.EnsureAheadAsync(db, inSixMonths, 1, CancellationToken.None)).ToArray());
        await using var check = await scratch.OpenAsync();
        Assert.Equal(1L, await ScalarAsync<long>(check, "SELECT count(*) FROM entries"));
    }

    private static async Task<List<string>> PartitionsAsync(NpgsqlConnection connection, string table) =>
        await RowsAsync(connection, $"SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass('{table}') ORDER BY 1");

    private static async Task<List<string>> RowsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A database of its own on the platform's PostgreSQL, dropped afterwards: conversions need tables no service uses.</summary>
    private sealed class ScratchDatabase(string server, string name) : IAsyncDisposable
    {
        public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;

        public static async Task<ScratchDatabase> CreateAsync(PlatformFixture platform)
        {
            var name = $"partitions_{Guid.NewGuid():N}";
            var serviceConnectionString = await platform.App.GetConnectionStringAsync(ResourceNames.IntakeDb) ?? throw new InvalidOperationException("No intake database.");
            await using var connection = new NpgsqlConnection(serviceConnectionString);
            await connection.OpenAsync();
            await ExecuteAsync(connection, $"CREATE DATABASE {name}");
            return new ScratchDatabase(serviceConnectionString, name);
        }

        public async Task<NpgsqlConnection> OpenAsync()
        {
            var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            return connection;
        }

        public async ValueTask DisposeAsync()
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }
}
