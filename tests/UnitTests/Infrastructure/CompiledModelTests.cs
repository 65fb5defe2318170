using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.Gateway.People;
using ReliefPlatform.Intake.Data;
using ReliefPlatform.Notification.Data;
using ReliefPlatform.Oversight.Data;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.Relief.Data;

namespace ReliefPlatform.UnitTests.Infrastructure;

/// <summary>
/// Issue 22: each database's EF model ships compiled (<c>dotnet ef dbcontext optimize</c>), so a service does not
/// build it at every start, and the services do not compare the model with the migrations' snapshot at every start
/// either. These tests do both instead: the compiled model is the one the code builds, and the code's model has
/// no change that a migration does not carry.
/// </summary>
public sealed class CompiledModelTests
{
    public static TheoryData<string> Databases() => [.. Factories.Keys];

    private static readonly Dictionary<string, Func<DbContext>> Factories = new()
    {
        ["intake"] = () => new IntakeDesignTimeDbContextFactory().CreateDbContext([]),
        ["eligibility"] = () => new EligibilityDesignTimeDbContextFactory().CreateDbContext([]),
        ["relief"] = () => new ReliefDesignTimeDbContextFactory().CreateDbContext([]),
        ["payments"] = () => new PaymentsDesignTimeDbContextFactory().CreateDbContext([]),
        ["notification"] = () => new NotificationDesignTimeDbContextFactory().CreateDbContext([]),
        ["oversight"] = () => new OversightDesignTimeDbContextFactory().CreateDbContext([]),
        ["people"] = () => new PeopleDesignTimeDbContextFactory().CreateDbContext([]),
    };

    [Theory]
    [MemberData(nameof(Databases))]
    public void The_compiled_model_is_the_one_the_code_builds(string database)
    {
        using var db = Factories[database]();
        var built = db.GetService<IDesignTimeModel>().Model;
        var compiled = db.Model;

        Assert.NotSame(built, compiled);
        // Tables, columns, keys and indexes, and what the tables do not show: how values are converted and compared.
        Assert.Equal(Shape(built), Shape(compiled));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void Every_change_of_the_model_has_its_migration(string database)
    {
        using var db = Factories[database]();

        Assert.False(db.Database.HasPendingModelChanges(), $"{database}: the model has changes no migration carries; add a migration");
    }

    private static List<string> Shape(IModel model) =>
    [
        .. model.GetEntityTypes().SelectMany(entity => (IEnumerable<string>)
        [
            $"{entity.Name}: {entity.GetSchema()}.{entity.GetTableName()} key {Names(entity.FindPrimaryKey()?.Properties)}",
            .. entity.GetProperties().Select(property =>
                $"{entity.Name}.{property.Name}: {property.ClrType.Name} {property.GetColumnName()} " +
                $"{property.GetValueConverter()?.GetType().Name} {property.GetValueComparer().GetType().Name} " +
                $"{property.ValueGenerated} {property.IsNullable} {property.GetMaxLength()} {property.IsConcurrencyToken}"),
            .. entity.GetIndexes().Select(index => $"{entity.Name} index {Names(index.Properties)} unique {index.IsUnique}"),
            .. entity.GetForeignKeys().Select(key => $"{entity.Name} references {key.PrincipalEntityType.Name} by {Names(key.Properties)} {key.DeleteBehavior}"),
        ]).Order(StringComparer.Ordinal),
    ];

    private static string Names(IEnumerable<IReadOnlyProperty>? properties) => string.Join(",", properties?.Select(p => p.Name) ?? []);
}
