using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Security;

namespace ReliefPlatform.ServiceDefaults.Audit;

/// <summary>
/// One state change, as an auditor reads it: who (person, client or the platform itself, with the
/// unit), when, which record, what changed (each property from → to, personal data masked) and in
/// which county. Written in the same transaction as the change; never updated or deleted (the
/// migration's trigger refuses both, whoever asks).
/// </summary>
[NotAudited]
public sealed class AuditEntry
{
    public long Key { get; set; }
    public DateTimeOffset At { get; set; }
    public ActorKind ActorKind { get; set; }
    public string ActorId { get; set; } = "";
    public string ActorName { get; set; } = "";
    public string? ActorUnit { get; set; }

    /// <summary>The kind of record (the entity's class name: ReliefCase, PaymentInstruction...).</summary>
    public string Entity { get; set; } = "";

    /// <summary>The record's public id (its Guid id where it has one), else its key.</summary>
    public string EntityId { get; set; } = "";

    /// <summary>added, modified or deleted; or a worker's named step (batched, settled...).</summary>
    public string Action { get; set; } = "";

    /// <summary>The county of the record, when it has one: what a county's auditor may read.</summary>
    public string? County { get; set; }

    /// <summary>JSON: {"Status": {"from": "Open", "to": "Granted"}, ...}; for an added record its values.</summary>
    public string Changes { get; set; } = "{}";

    public string? CorrelationId { get; set; }
}

public static class AuditTrailModel
{
    public const string Table = "audit_trail";

    /// <summary>
    /// Append-only at the database: a trigger raises on UPDATE, DELETE and TRUNCATE, so neither the
    /// service nor anybody with its credentials rewrites history. Applied by each service's migration.
    /// </summary>
    public const string AppendOnlySql = """
        CREATE OR REPLACE FUNCTION audit_trail_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_trail is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END $$;

        """ + AppendOnlyTriggersSql;

    /// <summary>
    /// On a table partitioned by month (issue 23) the row trigger is cloned onto every partition, present and future.
    /// </summary>
    public const string AppendOnlyTriggersSql = """
        CREATE TRIGGER audit_trail_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_trail
            FOR EACH ROW EXECUTE FUNCTION audit_trail_is_append_only();
        CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON audit_trail
            FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_is_append_only();
        """;

    /// <summary>
    /// Issue 23: the trail is partitioned by month on <see cref="AuditEntry.At"/> (<see cref="Data.MonthlyPartitions"/>),
    /// so its primary key carries the month; the identity alone still numbers the entries. The new table gets the
    /// append-only triggers, and the function too: oversight's trail had been made without them, and has them now.
    /// </summary>
    public static string PartitionByMonthSql => Data.MonthlyPartitions.ConvertSql(Table, "at", "key") + "\n" + AppendOnlySql;

    public const string DropAppendOnlySql = """
        DROP TRIGGER IF EXISTS audit_trail_no_truncate ON audit_trail;
        DROP TRIGGER IF EXISTS audit_trail_no_update_or_delete ON audit_trail;
        DROP FUNCTION IF EXISTS audit_trail_is_append_only();
        """;

    public static ModelBuilder AddAuditTrail(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable(Table);
            entry.HasKey(e => new { e.Key, e.At });
            entry.Property(e => e.Key).UseIdentityAlwaysColumn();
            entry.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(8);
            entry.Property(e => e.ActorId).HasMaxLength(64);
            entry.Property(e => e.ActorName).HasMaxLength(100);
            entry.Property(e => e.ActorUnit).HasMaxLength(12);
            entry.Property(e => e.Entity).HasMaxLength(64);
            entry.Property(e => e.EntityId).HasMaxLength(64);
            entry.Property(e => e.Action).HasMaxLength(32);
            entry.Property(e => e.County).HasMaxLength(6);
            entry.Property(e => e.Changes).HasColumnType("jsonb");
            entry.Property(e => e.CorrelationId).HasMaxLength(64);
            entry.HasIndex(e => e.At);
            entry.HasIndex(e => new { e.ActorId, e.At });
            entry.HasIndex(e => new { e.EntityId, e.At });
        });
        return modelBuilder;
    }
}
