using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.Eligibility.Policies;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Eligibility.Monitoring;

public sealed record FeedResult(Guid BatchId, Department Department, int Records, int Warnings, int ReviewFlags, long MatchMilliseconds);

/// <summary>
/// Stores a batch with one binary COPY and matches it against the roster with one SQL statement per
/// rule (R2), so 100,000 records take seconds, not a round trip each. Hardship warnings go out as
/// <see cref="HardshipWarningRaised"/> (intake turns them into leads); review flags stay for caseworkers.
/// </summary>
public sealed class FeedMatcher(EligibilityDbContext db, TimeProvider clock, EligibilityMetrics metrics)
{
    public async Task<FeedResult> ProcessAsync(Department department, IReadOnlyList<ParsedFeedRecord> records, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var policy = await db.PolicyOnAsync(today, ct);
        var threshold = policy.RequiredParameter(PolicyParameters.MedicalOutOfPocketThreshold);
        var stopwatch = Stopwatch.StartNew();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = new FeedBatch { BatchId = Guid.CreateVersion7(now), Department = department, ReceivedAt = now, RecordCount = records.Count };
        db.Add(batch);
        await db.SaveChangesAsync(ct);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY feed_records (batch_key, id_number, name, county, signal, amount) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var r in records)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(batch.Key, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(r.IdNumber, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(copy, r.Name, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(copy, r.County, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(r.Signal.ToString(), NpgsqlDbType.Varchar, ct);
                if (r.Amount is { } amount)
                {
                    await copy.WriteAsync(amount, NpgsqlDbType.Numeric, ct);
                }
                else
                {
                    await copy.WriteNullAsync(ct);
                }
            }

            await copy.CompleteAsync(ct);
        }

        var warnings = new List<WarningRow>();
        foreach (var rule in MonitoringRules.For(department))
        {
            warnings.AddRange(await db.Database.SqlQueryRaw<WarningRow>(rule.Sql,
                new NpgsqlParameter("batch", batch.Key),
                new NpgsqlParameter("department", department.ToString()),
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("threshold", threshold),
                new NpgsqlParameter("today", today)).ToListAsync(ct));
        }

        foreach (var w in warnings.Where(w => w.Kind == nameof(WarningKind.Hardship)))
        {
            db.AddToOutbox(new HardshipWarningRaised(w.WarningId, w.IdNumber, w.Name, w.County,
                ServiceDefaults.Http.WireName.Of(department), w.SignalZh, w.SignalEn, Enum.Parse<Contracts.Intake.PriorityGroup>(w.PriorityGroup), now));
        }

        // Deaths reach payments whoever the person is (a roster member, a temporary grant's payee): it holds their payments.
        var deceased = records.Where(r => r.Signal == Signal.Deceased).Select(r => r.IdNumber).Distinct(StringComparer.Ordinal).ToList();
        if (deceased.Count > 0)
        {
            db.AddToOutbox(new PersonsReportedDeceased(batch.BatchId, ServiceDefaults.Http.WireName.Of(department), now, deceased));
        }

        var imprisoned = records.Where(r => r.Signal == Signal.Imprisoned).Select(r => r.IdNumber).Distinct(StringComparer.Ordinal).ToList();
        if (imprisoned.Count > 0)
        {
            db.AddToOutbox(new PersonsReportedImprisoned(batch.BatchId, ServiceDefaults.Http.WireName.Of(department), now, imprisoned));
        }

        // Assets of roster households above the limits (the same check as an application's verification) go to oversight (R20).
        if (department is Department.Vehicles or Department.RealEstate or Department.Business or Department.Banks)
        {
            var excess = await RosterAssetsAsync(batch.Key, policy, ct);
            if (excess.Count > 0)
            {
                db.AddToOutbox(new RosterAssetsReported(batch.BatchId, ServiceDefaults.Http.WireName.Of(department), now, excess));
            }
        }

        batch.WarningCount = warnings.Count(w => w.Kind == nameof(WarningKind.Hardship));
        batch.ReviewFlagCount = warnings.Count - batch.WarningCount;
        batch.MatchMilliseconds = stopwatch.ElapsedMilliseconds;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        foreach (var group in warnings.GroupBy(w => w.Rule))
        {
            metrics.Warned(ServiceDefaults.Http.WireName.Of(department), group.Key, group.Count());
        }

        return new FeedResult(batch.BatchId, department, records.Count, batch.WarningCount, batch.ReviewFlagCount, batch.MatchMilliseconds);
    }

    private sealed record RosterAssetRow(Guid RecipientId, string County, string Category, int Persons, string IdNumber, string Signal, decimal? Amount);

    /// <summary>The batch's records of people on the dibao or tekun roster, checked per household against the asset limits in force.</summary>
    private async Task<List<RosterAssetExcess>> RosterAssetsAsync(long batchKey, PolicySnapshot policy, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<RosterAssetRow>($"""
            SELECT r.recipient_id, r.county, lower(r.category) AS category,
                   (SELECT count(*)::int FROM roster_persons a WHERE a.recipient_key = r.key AND a.is_active) AS persons,
                   f.id_number, f.signal, f.amount
            FROM feed_records f
            JOIN roster_persons p ON p.id_number = f.id_number AND p.is_active AND p.category IN ('Dibao', 'Tekun')
            JOIN recipients r ON r.key = p.recipient_key
            WHERE f.batch_key = {batchKey}
            ORDER BY f.key
            """).ToListAsync(ct);
        var vehicle = policy.RequiredParameter(PolicyParameters.VehicleValueThreshold);
        var deposits = policy.RequiredParameter(PolicyParameters.DepositsPerPersonThreshold);
        return [.. rows.GroupBy(r => (r.RecipientId, r.County, r.Category, r.Persons)).SelectMany(household =>
            Determinations.AssetThresholds.Of([.. household.Select(r => new Determinations.AssetRecord(r.IdNumber, Enum.Parse<Signal>(r.Signal), r.Amount))],
                    Math.Max(1, household.Key.Persons), vehicle, deposits)
                .Select(e => new RosterAssetExcess(household.Key.RecipientId, household.Key.County, household.Key.Category, KindOf(e.Department), e.IdNumber, e.Amount, e.Limit, e.Count)))];
    }

    private static string KindOf(Department department) => department switch
    {
        Department.Vehicles => "vehicle",
        Department.Business => "business",
        Department.RealEstate => "properties",
        _ => "deposits",
    };

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);

    internal sealed record WarningRow(Guid WarningId, string Kind, string Rule, string IdNumber, string Name, string County, string PriorityGroup, string SignalZh, string SignalEn);
}
