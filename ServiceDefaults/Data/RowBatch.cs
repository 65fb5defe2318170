using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ReliefPlatform.ServiceDefaults.Data;

/// <summary>
/// New rows of the EF model written in one batch without EF's change tracking (issue 22): for a hot path that only
/// inserts, tracking cost more than the rows. In intake's front door it was more than half of the service's CPU a
/// submission: every row snapshotted when added and again after the save, its documents deep-copied and compared,
/// its changes detected, each row's statement built. Here each row is one INSERT of the columns the model maps
/// (table, column names and types, value converters and jsonb all read from the model, so a migration changes both),
/// leaving the store-generated ones (identity keys, the row version) to the database. Keys from a HiLo sequence are
/// the caller's to set (<see cref="NextKeyAsync"/>). What EF's interceptors would add, the caller adds itself: the
/// audit entries (<see cref="Audit.AuditTrail.Added"/>) and the outbox's wake-up after the commit.
/// </summary>
public sealed class RowBatch(DbContext db)
{
    private static readonly ConcurrentDictionary<IEntityType, Insert> Inserts = new();

    // Parameters are made by EF's own type mappings, which only ask a command to create them (a new parameter each
    // time: the command itself is never changed, so one serves every thread).
    private static readonly NpgsqlCommand ParameterFactory = new();

    private readonly List<NpgsqlBatchCommand> _commands = [];

    /// <summary>The next key of <typeparamref name="T"/> from its HiLo sequence, from the block EF's own inserts share.</summary>
    public static async Task<long> NextKeyAsync<T>(DbContext db, T entity, CancellationToken ct) where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        if (!db.GetService<Microsoft.EntityFrameworkCore.ValueGeneration.IValueGeneratorSelector>().TrySelect(key, entityType, out var generator) || generator is null)
        {
            throw new InvalidOperationException($"{typeof(T).Name}'s key has no value generator.");
        }

        return Convert.ToInt64(await generator.NextAsync(db.Entry(entity), ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Adds one row: every mapped column of <paramref name="entity"/> but those the database generates.</summary>
    public RowBatch Add<T>(T entity) where T : class
    {
        ArgumentNullException.ThrowIfNull(entity);
        var entityType = db.Model.FindEntityType(entity.GetType()) ?? throw new InvalidOperationException($"{entity.GetType().Name} is not in the model.");
        var insert = Inserts.GetOrAdd(entityType, Insert.Of);
        var command = new NpgsqlBatchCommand(insert.Sql);
        foreach (var (getter, mapping, nullable) in insert.Columns)
        {
            // An empty name is a positional parameter ($1, $2…): the statement's text is the same for every row.
            command.Parameters.Add((NpgsqlParameter)mapping.CreateParameter(ParameterFactory, "", getter.GetClrValueUsingContainingEntity(entity), nullable));
        }

        _commands.Add(command);
        return this;
    }

    /// <summary>Adds <paramref name="message"/> to the outbox, as <c>DbContext.AddToOutbox</c> does for EF's saves.</summary>
    public RowBatch AddToOutbox<T>(T message) where T : class => Add(Messaging.OutboxMessage.Create(message));

    /// <summary>
    /// Sends the rows in one round trip: inside the context's transaction when it has one (the caller commits), else as
    /// one batch, which PostgreSQL runs as one implicit transaction.
    /// </summary>
    public async Task ExecuteAsync(CancellationToken ct)
    {
        var closeAfter = db.Database.GetDbConnection().State != System.Data.ConnectionState.Open;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
            foreach (var command in _commands)
            {
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            if (closeAfter)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private sealed record Insert(string Sql, IReadOnlyList<(IClrPropertyGetter Getter, RelationalTypeMapping Mapping, bool Nullable)> Columns)
    {
        public static Insert Of(IEntityType entityType)
        {
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            if (entityType.GetProperties().FirstOrDefault(p => p.IsShadowProperty() && p.ValueGenerated == ValueGenerated.Never) is { } shadow)
            {
                throw new NotSupportedException($"{entityType.DisplayName()}.{shadow.Name} has no CLR property to read: write this row through EF.");
            }

            var properties = entityType.GetProperties().Where(Written).ToList();
            var columns = string.Join(", ", properties.Select(p => Quoted(p.GetColumnName(table)!)));
            var values = string.Join(", ", properties.Select((_, i) => $"${i + 1}"));
            var name = entityType.GetSchema() is { } schema ? $"{Quoted(schema)}.{Quoted(table.Name)}" : Quoted(table.Name);
            return new($"INSERT INTO {name} ({columns}) VALUES ({values})",
                [.. properties.Select(p => (p.GetGetter(), (RelationalTypeMapping)p.GetTypeMapping(), p.IsNullable))]);
        }

        // Written by the caller: everything the database does not generate, and keys drawn from a HiLo sequence.
        private static bool Written(IProperty property) =>
            property.GetValueGenerationStrategy() == NpgsqlValueGenerationStrategy.SequenceHiLo
            || property.ValueGenerated == ValueGenerated.Never;

        private static string Quoted(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}
