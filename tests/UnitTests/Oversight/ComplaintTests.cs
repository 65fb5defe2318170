using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Oversight;
using ReliefPlatform.Oversight.Complaints;

namespace ReliefPlatform.UnitTests.Oversight;

/// <summary>A complaint's life (R20, issue 19): due by the period in force on its day, taken, decided once.</summary>
public sealed class ComplaintTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
    private static readonly Actor Officer = new(ActorKind.Person, "p-1", "王科长", "361102");

    [Fact]
    public void The_decision_period_is_the_one_in_force_on_the_day_of_receipt()
    {
        var options = new OversightOptions { ComplaintDecisionDays = [new() { From = new(2020, 1, 1), Value = 15 }, new() { From = new(2026, 12, 1), Value = 10 }] };
        Assert.Equal(15, options.DecisionDaysOn(new DateOnly(2026, 11, 30)));
        Assert.Equal(10, options.DecisionDaysOn(new DateOnly(2026, 12, 1)));
        Assert.Throws<InvalidOperationException>(() => options.DecisionDaysOn(new DateOnly(2019, 12, 31)));
    }

    [Fact]
    public void An_anonymous_complaint_keeps_no_name_or_contact_and_is_due_after_its_period()
    {
        var complaint = Complaint.Receive(ComplaintChannel.PublicForm, ComplaintKind.FalseClaim, "361102", null, anonymous: true, "某人", "13900001111", "有车有房领低保。", null, 15, Now);
        Assert.Null(complaint.ComplainantName);
        Assert.Null(complaint.ComplainantContact);
        Assert.Equal(new DateOnly(2026, 12, 15), complaint.DueOn);
        Assert.False(complaint.IsOverdueOn(new DateOnly(2026, 12, 15)));
        Assert.True(complaint.IsOverdueOn(new DateOnly(2026, 12, 16)));
        Assert.Matches("^[2-9A-HJKMNP-Z]{12}$", complaint.TrackingCode);
    }

    [Fact]
    public void A_complaint_is_taken_before_it_is_decided_and_decided_once()
    {
        var complaint = Complaint.Receive(ComplaintChannel.Hotline12345, ComplaintKind.Service, "361102", null, anonymous: false, "王芳", "13900002222", "没人上门。", "12345-1", 15, Now);
        Assert.Equal("not_assigned", Assert.Throws<OversightException>(() => complaint.Decide(Officer, ComplaintOutcome.Substantiated, "查实。", Now)).Code);
        complaint.Assign(Officer.ToString(), Now);
        complaint.Decide(Officer, ComplaintOutcome.Substantiated, "查实，已督促乡镇入户。", Now.AddDays(3));
        Assert.Equal(ComplaintStatus.Decided, complaint.Status);
        Assert.False(complaint.IsOverdueOn(new DateOnly(2027, 1, 1)));
        Assert.Equal("already_decided", Assert.Throws<OversightException>(() => complaint.Decide(Officer, ComplaintOutcome.NotSubstantiated, "改判。", Now.AddDays(4))).Code);
    }
}
