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

/// <summary>Audit findings' deadlines (R19: 10 July, 15 August) and the fund checks computed in payments.</summary>
public sealed class FundSupervisionTests
{
    private static readonly Actor Auditor = new(ActorKind.Person, "p-2", "审计厅", "360000");

    [Fact]
    public void A_finding_is_overdue_to_rectify_after_10_July_and_to_report_after_15_August()
    {
        var deadlines = ReliefPlatform.Oversight.Funds.AuditDeadlines.For([new() { From = new(2015, 1, 1), RectifyBy = "07-10", ReportBy = "08-15" }], 2026);
        Assert.Equal((new DateOnly(2026, 7, 10), new DateOnly(2026, 8, 15)), deadlines);
        var finding = ReliefPlatform.Oversight.Funds.AuditFinding.Record("361102", 2026, "省审计厅", "低保资金滞留", 12000m, deadlines, Auditor, DateTimeOffset.UtcNow);
        Assert.Null(finding.OverdueOn(new DateOnly(2026, 7, 10)));
        Assert.Equal("rectification", finding.OverdueOn(new DateOnly(2026, 7, 11)));
        finding.Rectify(Auditor, "已拨付到户。", DateTimeOffset.UtcNow);
        Assert.Null(finding.OverdueOn(new DateOnly(2026, 8, 15)));
        Assert.Equal("report", finding.OverdueOn(new DateOnly(2026, 8, 16)));
        finding.ReportRectification(Auditor, "已报送。", DateTimeOffset.UtcNow);
        Assert.Null(finding.OverdueOn(new DateOnly(2027, 1, 1)));
        Assert.Equal("already_reported", Assert.Throws<OversightException>(() => finding.ReportRectification(Auditor, "再报。", DateTimeOffset.UtcNow)).Code);
    }

    [Fact]
    public void An_allocation_is_late_after_the_allocation_days_and_idle_when_money_sits_unpaid_beyond_the_idle_days()
    {
        var now = new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
        var allocated = new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);
        var check = ReliefPlatform.Payments.Funds.FundSupervision.Check(new DateOnly(2026, 4, 1), allocated, 5000m, null, now, allocationDays: 30, idleDays: 90);
        Assert.Equal((61, true, 182, true), check);
        var busy = ReliefPlatform.Payments.Funds.FundSupervision.Check(new DateOnly(2026, 5, 20), allocated, 5000m, now.AddDays(-10), now, allocationDays: 30, idleDays: 90);
        Assert.Equal((12, false, 10, false), busy);
        Assert.False(ReliefPlatform.Payments.Funds.FundSupervision.Check(new DateOnly(2026, 5, 20), allocated, 0m, null, now, 30, 90).Idle); // spent: nothing idle
    }
}
