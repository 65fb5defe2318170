using Microsoft.EntityFrameworkCore;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.UnitTests.Infrastructure;

/// <summary>
/// A document stored as one jsonb column (a household, a rule trace) is compared and copied by its JSON (issue 22 made
/// that cheaper): a change made in place is still saved, the same content is no change, and the copy EF keeps is its own.
/// No database is opened: change tracking alone decides what a save would write.
/// </summary>
public sealed class JsonColumnsTests
{
    [Fact]
    public void A_document_changed_in_place_is_detected_and_the_same_content_is_not()
    {
        using var db = new DocumentsContext();
        var row = new Household { Id = 1, Members = [new Member("申请人", 500.00m)] };
        db.Attach(row);

        row.Members[0] = row.Members[0] with { Income = 500.00m };
        db.ChangeTracker.DetectChanges();
        Assert.False(db.Entry(row).Property(h => h.Members).IsModified);

        row.Members.Add(new Member("配偶", 0m));
        db.ChangeTracker.DetectChanges();
        Assert.True(db.Entry(row).Property(h => h.Members).IsModified);
        Assert.Single(db.Entry(row).Property(h => h.Members).OriginalValue);
    }

    [Fact]
    public void A_document_replaced_by_an_equal_one_is_no_change()
    {
        using var db = new DocumentsContext();
        var row = new Household { Id = 2, Members = [new Member("申请人", 300.00m)] };
        db.Attach(row);

        row.Members = [new Member("申请人", 300.00m)];
        db.ChangeTracker.DetectChanges();

        Assert.Equal(EntityState.Unchanged, db.Entry(row).State);
    }

    public sealed record Member(string Name, decimal Income);

    public sealed class Household
    {
        public int Id { get; set; }

        public List<Member> Members { get; set; } = [];
    }

    private sealed class DocumentsContext() : DbContext(new DbContextOptionsBuilder<DocumentsContext>().UseNpgsql("Host=unused").Options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<Household>().Property(h => h.Members).HasJsonConversion();
    }
}
