using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.ServiceDefaults.Audit;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every record added, changed or deleted through EF Core, in the
/// same SaveChanges (so in the same transaction): nothing changes without its trail, and a rolled-back
/// change leaves none. Set-based statements of the workers record their own entries
/// (<see cref="AuditTrail.Record"/>). Personal data is masked in what the trail keeps.
/// </summary>
public sealed class AuditInterceptor(AuditActor actor, TimeProvider clock) : SaveChangesInterceptor
{
    // [NotAudited] (the trail itself, the outbox and inbox, timeline steps, bookkeeping) read once per type and
    // property: SaveChanges of every message asks.
    private static readonly ConcurrentDictionary<Type, bool> NotAuditedTypes = new();
    private static readonly ConcurrentDictionary<System.Reflection.PropertyInfo, bool> NotAuditedProperties = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext? context)
    {
        if (context?.Model.FindEntityType(typeof(AuditEntry)) is null)
        {
            return;
        }

        // Changes are detected once here and read as detected (issue 22); EF detects once more after the interceptors,
        // which catches anything changed since.
        context.ChangeTracker.DetectChanges();
        var changed = context.ChangeTracker.EntriesAsTracked(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !e.Metadata.IsOwned()
            && !NotAuditedTypes.GetOrAdd(e.Metadata.ClrType, type => Attribute.IsDefined(type, typeof(NotAuditedAttribute))));

        if (changed.Count == 0)
        {
            return;
        }

        var who = actor.Current;
        var now = clock.GetUtcNow();
        foreach (var entry in changed)
        {
            var changes = Changes(entry, entry.State);
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }

            context.Add(EntryOf(who, entry, entry.State, changes, now));
        }
    }

    /// <summary>The trail's entry of one record's change (<paramref name="state"/>: an untracked row written as added says so).</summary>
    internal static AuditEntry EntryOf(Actor who, EntityEntry entry, EntityState state, Dictionary<string, object?> changes, DateTimeOffset at) => new()
    {
        At = at, ActorKind = who.Kind, ActorId = Cut(who.Id, 64), ActorName = Cut(who.Name, 100), ActorUnit = who.Unit,
        Entity = Cut(entry.Metadata.ClrType.Name, 64), EntityId = Cut(IdOf(entry), 64),
        Action = state switch { EntityState.Added => "added", EntityState.Deleted => "deleted", _ => "modified" },
        County = CountyOf(entry), Changes = JsonSerializer.Serialize(changes), CorrelationId = CorrelationContext.Current,
    };

    /// <summary>
    /// The record's public id: its Guid with a unique index of its own, the one named after the record
    /// (a ReliefCase's CaseId, not the ApplicationId it also holds once), else its key.
    /// </summary>
    private static string IdOf(EntityEntry entry)
    {
        var type = entry.Metadata.ClrType.Name;
        var publicId = entry.Metadata.GetIndexes()
            .Where(i => i.IsUnique && i.Properties.Count == 1 && i.Properties[0].ClrType == typeof(Guid))
            .Select(i => i.Properties[0])
            .OrderByDescending(p => p.Name[..^2] is { Length: > 0 } stem ? type.EndsWith(stem, StringComparison.Ordinal) ? 2 : type.Contains(stem, StringComparison.Ordinal) ? 1 : 0 : 0)
            .FirstOrDefault();
        if (publicId is not null)
        {
            return Convert.ToString(entry.Property(publicId.Name).CurrentValue, CultureInfo.InvariantCulture) ?? "";
        }

        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? "" : string.Join("/", key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));
    }

    private static string? CountyOf(EntityEntry entry)
    {
        foreach (var name in (string[])["County", "ResidenceCounty", "PayingCounty"])
        {
            if (entry.Metadata.FindProperty(name) is { } property && property.ClrType == typeof(string))
            {
                var value = entry.Property(name).CurrentValue as string;
                return value is { Length: <= 6 } ? value : null;
            }
        }

        return null;
    }

    internal static Dictionary<string, object?> Changes(EntityEntry entry, EntityState state)
    {
        var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            // The row version is PostgreSQL's, and collections or documents are recorded by their own entries or not at all.
            if (property.Metadata.IsConcurrencyToken || !Simple(property.Metadata.ClrType)
                || property.Metadata.PropertyInfo is { } info && NotAuditedProperties.GetOrAdd(info, p => p.IsDefined(typeof(NotAuditedAttribute), inherit: false)))
            {
                continue;
            }

            switch (state)
            {
                case EntityState.Added when property.CurrentValue is not null:
                    changes[name] = Shown(name, property.CurrentValue);
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[name] = new { from = Shown(name, property.OriginalValue), to = Shown(name, property.CurrentValue) };
                    break;
            }
        }

        return changes;
    }

    private static bool Simple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(TimeSpan);
    }

    /// <summary>What the trail keeps of a value: personal data masked as in lists, long texts by their length.</summary>
    private static object? Shown(string property, object? value)
    {
        if (value is not string text)
        {
            return value is Enum e ? e.ToString() : value;
        }

        if (property.Contains("IdNumber", StringComparison.Ordinal))
        {
            return PersonalData.MaskIdNumber(text);
        }

        if (property.Contains("Phone", StringComparison.Ordinal))
        {
            return PersonalData.MaskPhone(text);
        }

        if (property.Contains("Account", StringComparison.Ordinal) || property.Contains("Secret", StringComparison.Ordinal) || property.Contains("Hash", StringComparison.Ordinal)
            || property.Contains("Stamp", StringComparison.Ordinal))
        {
            return "***";
        }

        if (property.EndsWith("Name", StringComparison.Ordinal) && property is not ("DisplayName" or "Name" or "ActorName") || property is "SignedBy")
        {
            return PersonalData.MaskName(text);
        }

        return text.Length <= 200 ? text : $"({text.Length} characters)";
    }

    internal static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>
/// Entries for what the interceptor does not see: set-based statements (a worker's batch of payments), and a person's
/// action on a record whose own changes are kept in a log of its own (a delivery's replay, <see cref="NotAuditedAttribute"/>).
/// </summary>
public static class AuditTrail
{
    private static string Cut(string text, int length) => AuditInterceptor.Cut(text, length);

    // The accessor keeps the current request in storage of the async flow, shared by every instance: this one reads the
    // request the host set (the services register IHttpContextAccessor, ServiceDatabaseExtensions).
    private static readonly HttpContextAccessor Requests = new();

    /// <summary>
    /// The entry the interceptor would write for <paramref name="entity"/> added, for a row written without EF's change
    /// tracking (<see cref="Data.RowBatch"/>): the same id, county and masked values, under whom <see cref="Record"/> names.
    /// </summary>
    public static AuditEntry Added(DbContext db, object entity, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(db);
        // An entry of an untracked entity reads its values without tracking it.
        var entry = db.Entry(entity);
        return AuditInterceptor.EntryOf(AuditActor.Of(Requests.HttpContext), entry, EntityState.Added, AuditInterceptor.Changes(entry, EntityState.Added), at);
    }

    /// <summary>
    /// Records a change under whom the interceptor would (<see cref="AuditActor.Current"/>): the worker or consumer running
    /// it (see <see cref="AuditActor.Begin"/>), else the request's token actor, else the platform.
    /// </summary>
    public static void Record(DbContext db, string entity, string entityId, string action, string? county, object changes, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(db);
        var who = AuditActor.Of(Requests.HttpContext);
        db.Add(new AuditEntry
        {
            At = at, ActorKind = who.Kind, ActorId = Cut(who.Id, 64), ActorName = Cut(who.Name, 100), ActorUnit = who.Unit, Entity = Cut(entity, 64),
            EntityId = Cut(entityId, 64), Action = Cut(action, 32), County = county is { Length: <= 6 } ? county : null, Changes = JsonSerializer.Serialize(changes), CorrelationId = CorrelationContext.Current,
        });
    }
}
