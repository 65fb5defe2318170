using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Intake.Applications;
using ReliefPlatform.Intake.Hotline;
using ReliefPlatform.Intake.QrCodes;

namespace ReliefPlatform.UnitTests.Intake;

public sealed class ApplicationLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static Application Submitted() => Application.Submit(new ValidatedApplication(
        Channel.WalkIn, Scheme.TemporaryAssistance, TemporaryAssistanceKind.General, "361102198001011236", "张三", null, "361102", "361102", AreaType.Urban,
        [new HouseholdMember("361102198001011236", "张三", Relation.Self, [], EmploymentStatus.Unemployed, null, false, false, false, GraduateStatus.None, WorkAbility.Full, false)],
        new Circumstances(0, false, false, false, null),
        new VerificationAuthorization("张三", Now, AuthorizationMethod.PaperScan, "scan"), null), Now);

    [Fact]
    public void A_new_application_is_submitted_open_and_holds_its_people()
    {
        var application = Submitted();

        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.True(application.IsOpen);
        Assert.All(application.Persons, p => Assert.True(p.IsOpen));
        Assert.Single(application.Timeline);
    }

    [Fact]
    public void A_late_step_is_recorded_but_the_status_does_not_go_back()
    {
        var application = Submitted();
        application.Record(ApplicationStatus.Paid, Now, "paid", "paid", null, Now);
        application.Record(ApplicationStatus.Assessed, Now, "late", "late", null, Now);

        Assert.Equal(ApplicationStatus.Paid, application.Status);
        Assert.Equal(3, application.Timeline.Count);
    }

    [Fact]
    public void Closing_frees_the_people_for_a_new_application_and_happens_once()
    {
        var application = Submitted();
        application.Close(Now, "closed", "closed", null, Now);
        application.Close(Now, "again", "again", null, Now);

        Assert.False(application.IsOpen);
        Assert.All(application.Persons, p => Assert.False(p.IsOpen));
        Assert.Single(application.Timeline, t => t.Stage == ApplicationStatus.Closed);
    }

    [Fact]
    public void The_first_decision_stands()
    {
        var application = Submitted();
        application.Decide(Decision.Refused, Now, "r", "r", null, Now);
        application.Decide(Decision.Approved, Now, "a", "a", null, Now);

        Assert.Equal(Decision.Refused, application.Decision);
    }

    [Fact]
    public void Percentiles_use_the_nearest_rank()
    {
        double[] sorted = [60, 120, 600];

        Assert.Equal(120, HotlineApi.Percentile(sorted, 0.5));
        Assert.Equal(600, HotlineApi.Percentile(sorted, 0.9));
        Assert.Null(HotlineApi.Percentile([], 0.5));
    }

    [Fact]
    public void Qr_codes_point_at_the_county_entry() =>
        Assert.Equal("https://x.gov.cn/apply?county=361102&channel=qr-code", QrCodeApi.ApplicationUrl("https://x.gov.cn/apply", "361102"));
}
