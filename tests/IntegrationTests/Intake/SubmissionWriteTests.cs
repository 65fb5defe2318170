using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Intake.Applications;
using ReliefPlatform.Intake.Data;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults.Audit;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.IntegrationTests.Intake;

/// <summary>
/// A submission's rows written without EF's change tracking (issue 22, <see cref="Submissions"/>), on intake's own
/// migrations against a real PostgreSQL: the application (its enums, documents and times as EF writes them), its
/// people, its first timeline step, the audit entries the interceptor writes for what EF adds, and the outbox message,
/// in one batch; keys from the sequence continue after those an identity column gave before the migration; and a
/// second open application of a person (R20) leaves nothing behind.
/// </summary>
[Collection(MessagingServersCollection.Name)]
public sealed class SubmissionWriteTests(MessagingServersFixture servers)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_submission_writes_what_EF_would_and_its_key_follows_the_keys_used_before()
    {
        var database = await servers.CreateDatabaseAsync();
        await using (var before = NewContext(database))
        {
            // 30 applications (more than one block of keys) stored while keys came from the identity column.
            await before.GetService<IMigrator>().MigrateAsync("20261206153001_PartitionByMonth");
            await before.Database.ExecuteSqlRawAsync("""
                INSERT INTO applications (applicant_id_number, applicant_name, application_id, area_type, "authorization", channel, circumstances,
                                          hukou_county, members, residence_county, scheme, status, submitted_at, tracking_code, updated_at)
                SELECT '361102198001011236', '张三', gen_random_uuid(), 'Urban', '{{}}', 'WalkIn', '{{}}', '361102', '[]', '361102', 'Dibao', 'Closed',
                       now(), 'T' || lpad(i::text, 10, '0'), now()
                FROM generate_series(1, 30) AS i
                """);
            await before.Database.MigrateAsync();
        }

        // The same kind of application through EF, for the audit entries the interceptor writes.
        await using (var tracked = NewContext(database))
        {
            await tracked.Applications.AddAsync(Submitted("361102198503031230"));
            await tracked.SaveChangesAsync();
        }

        var first = Submitted("361102198001011236");
        var second = Submitted("361102199002021233");
        await using (var db = NewContext(database))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await Submissions.WriteAsync(db, first, Now, default);
            await Submissions.WriteAsync(db, second, Now, default);
            await transaction.CommitAsync();
            Assert.Empty(db.ChangeTracker.Entries());
        }

        await using var read = NewContext(database);
        Assert.True(first.Key > 30, $"key {first.Key} repeats one the identity gave");
        Assert.NotEqual(first.Key, second.Key);
        var stored = await read.Applications.AsNoTracking().Include(a => a.Persons).Include(a => a.Timeline).SingleAsync(a => a.Key == first.Key);
        Assert.Equal((first.ApplicationId, first.TrackingCode, first.Channel, first.Scheme, first.TemporaryAssistanceKind, first.Status, first.SubmittedAt),
            (stored.ApplicationId, stored.TrackingCode, stored.Channel, stored.Scheme, stored.TemporaryAssistanceKind, stored.Status, stored.SubmittedAt));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first.Members), System.Text.Json.JsonSerializer.Serialize(stored.Members));
        Assert.Equal(first.Authorization, stored.Authorization);
        Assert.Equal(("361102198001011236", Scheme.TemporaryAssistance, true), (stored.Persons.Single().IdNumber, stored.Persons.Single().Scheme, stored.Persons.Single().IsOpen));
        Assert.Equal((ApplicationStatus.Submitted, Now), (stored.Timeline.Single().Stage, stored.Timeline.Single().OccurredAt));

        // The audit entries: per submission the application and its person, as the interceptor records what EF adds.
        var trail = await read.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Key).ToListAsync();
        var byEf = trail.Where(e => e.Entity == nameof(Application)).First();
        var written = trail.Single(e => e.Entity == nameof(Application) && e.EntityId == first.ApplicationId.ToString());
        Assert.Equal((byEf.Action, byEf.County, byEf.ActorKind), (written.Action, written.County, written.ActorKind));
        Assert.Equal(Keys(byEf.Changes), Keys(written.Changes));
        Assert.Contains("361102********1236", written.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("361102198001011236", written.Changes, StringComparison.Ordinal);
        Assert.Equal(3, trail.Count(e => e.Entity == nameof(ApplicationPerson)));
        Assert.Equal(2, await read.Set<OutboxMessage>().CountAsync(m => m.MessageType.StartsWith(typeof(ApplicationSubmitted).FullName!)));

        // R20: the person's second open temporary-assistance application fails on the unique index, and leaves no row.
        await using (var db = NewContext(database))
        {
            var again = Submitted("361102198001011236");
            await using var transaction = await db.Database.BeginTransactionAsync();
            var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Submissions.WriteAsync(db, again, Now, default));
            Assert.True(refused.IsUniqueViolation(IntakeDbContext.DuplicateIndexName));
        }

        Assert.Equal(3, await read.Applications.CountAsync(a => a.Key > 30));
        Assert.Equal(trail.Count, await read.Set<AuditEntry>().CountAsync());
    }

    private static string[] Keys(string changes) =>
        [.. System.Text.Json.JsonDocument.Parse(changes).RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    private static IntakeDbContext NewContext(string connectionString) => new(new DbContextOptionsBuilder<IntakeDbContext>()
        .UseNpgsql(connectionString)
        .UseSnakeCaseNamingConvention()
        .AddInterceptors(new AuditInterceptor(new AuditActor(new HttpContextAccessor()), TimeProvider.System))
        .Options);

    private static Application Submitted(string idNumber) => Application.Submit(new ValidatedApplication(
        Channel.WalkIn, Scheme.TemporaryAssistance, TemporaryAssistanceKind.General, idNumber, "张三", null, "361102", "361102", AreaType.Urban,
        [new HouseholdMember(idNumber, "张三", Relation.Self, [], EmploymentStatus.Unemployed, null, false, false, false, GraduateStatus.None, WorkAbility.Full, false)],
        new Circumstances(0, false, false, false, null),
        new VerificationAuthorization("张三", Now, AuthorizationMethod.PaperScan, "scan"), null), Now);
}
