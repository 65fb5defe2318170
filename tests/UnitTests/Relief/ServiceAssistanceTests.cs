using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Relief.Care;
using ReliefPlatform.Relief.PurchasedServices;

namespace ReliefPlatform.UnitTests.Relief;

/// <summary>R16: the visit schedule of dispersed tekun persons, caregivers failing their duties, providers' invoices reconciled.</summary>
public sealed class ServiceAssistanceTests
{
    private static readonly DateOnly Start = new(2026, 11, 1);

    [Fact]
    public void Weekly_visits_each_in_their_week_miss_nothing_and_the_current_week_is_due_by_its_last_day()
    {
        var standing = VisitSchedule.Assess(Start, new DateOnly(2026, 11, 17), _ => 7, [new(2026, 11, 3), new(2026, 11, 14)]);
        Assert.Empty(standing.Missed);
        Assert.Equal(new DateOnly(2026, 11, 15), standing.CurrentFrom);
        Assert.Equal(new DateOnly(2026, 11, 21), standing.DueBy);
        Assert.False(standing.Overdue);
    }

    [Fact]
    public void A_week_that_ended_without_the_caregivers_visit_is_missed_and_overdue_until_the_next_visit()
    {
        var missedLastWeek = VisitSchedule.Assess(Start, new DateOnly(2026, 11, 17), _ => 7, [new(2026, 11, 3)]);
        Assert.Equal([new VisitPeriod(new(2026, 11, 8), new(2026, 11, 15), false)], missedLastWeek.Missed);
        Assert.True(missedLastWeek.Overdue);

        // Made up this week: still a missed visit on the record, no longer overdue.
        var madeUp = VisitSchedule.Assess(Start, new DateOnly(2026, 11, 17), _ => 7, [new(2026, 11, 3), new(2026, 11, 16)]);
        Assert.Single(madeUp.Missed);
        Assert.False(madeUp.Overdue);

        // An older miss with the last week visited is history, not an overdue item.
        var older = VisitSchedule.Assess(Start, new DateOnly(2026, 11, 17), _ => 7, [new(2026, 11, 10)]);
        Assert.Single(older.Missed);
        Assert.False(older.Overdue);
    }

    [Fact]
    public void The_interval_in_force_when_a_period_starts_sets_its_length()
    {
        // Monthly (30 days) until 2026-12-01, weekly from then: a changed policy applies from its date.
        int Interval(DateOnly day) => day < new DateOnly(2026, 12, 1) ? 30 : 7;
        var standing = VisitSchedule.Assess(Start, new DateOnly(2026, 12, 10), Interval, [new(2026, 11, 20)]);
        Assert.Equal([new VisitPeriod(new(2026, 12, 1), new(2026, 12, 8), false)], standing.Missed);
        Assert.Equal(new DateOnly(2026, 12, 14), standing.DueBy);
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(2, 0, 1)]
    [InlineData(0, 1, 1)]
    [InlineData(3, 2, 2)]
    public void A_caregiver_fails_their_duties_from_the_missed_visits_threshold_or_a_complaint_found_true(int missed, int complaints, int failures) =>
        Assert.Equal(failures, CaregiverDuty.Failures(missed, complaints, missedVisitsBeforeFlag: 2).Count);

    [Fact]
    public void An_invoice_pays_only_what_the_recipients_confirmed_at_the_contract_price_and_says_why_less()
    {
        var provider = Guid.NewGuid();
        var month = new DateOnly(2026, 11, 1);
        var care = new OrderDelivered(Guid.NewGuid(), provider, month, 25m, ConfirmedQuantity: 8);
        var meals = new OrderDelivered(Guid.NewGuid(), provider, month, 12.5m, ConfirmedQuantity: 20);
        var othersOrder = new OrderDelivered(Guid.NewGuid(), Guid.NewGuid(), month, 30m, ConfirmedQuantity: 4);
        var orders = new[] { care, meals, othersOrder }.ToDictionary(o => o.OrderId);
        var lines = new List<InvoiceLine>
        {
            new(care.OrderId, 10, 250m),       // two hours more than confirmed
            new(meals.OrderId, 20, 260m),      // the wrong price
            new(othersOrder.OrderId, 4, 120m), // another provider's order
            new(care.OrderId, 1, 25m),         // billed twice
        };

        var result = InvoiceReconciliation.Reconcile(provider, month, lines, orders);

        Assert.Equal([200m, 250m, 0m, 0m], result.Select(r => r.Payable));
        Assert.All(result, r => Assert.NotNull(r.DifferenceZh));
        Assert.Equal(450m, result.Sum(r => r.Payable));
    }

    [Fact]
    public void A_line_billed_as_delivered_and_confirmed_is_paid_in_full_without_a_difference()
    {
        var provider = Guid.NewGuid();
        var month = new DateOnly(2026, 11, 1);
        var order = new OrderDelivered(Guid.NewGuid(), provider, month, 25m, 8);
        var line = Assert.Single(InvoiceReconciliation.Reconcile(provider, month, [new(order.OrderId, 8, 200m)], new Dictionary<Guid, OrderDelivered> { [order.OrderId] = order }));
        Assert.Equal(200m, line.Payable);
        Assert.Null(line.DifferenceZh);
    }

    [Theory]
    [InlineData("91350100M000100Y43", true)]
    [InlineData("91350100m000100y43", true)]
    [InlineData("91350100M000100Y44", false)]
    [InlineData("91350100M000100I43", false)]
    [InlineData("91350100M000100Y4", false)]
    public void A_credit_code_is_checked_by_its_last_character(string code, bool valid) =>
        Assert.Equal(valid, CreditCode.Normalize(code) is not null);
}
