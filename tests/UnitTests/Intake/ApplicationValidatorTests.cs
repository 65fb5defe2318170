using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Intake.Applications;

namespace ReliefPlatform.UnitTests.Intake;

public sealed class ApplicationValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private const string Applicant = "361102198001011236";
    private const string Spouse = "361102198202022345";

    private static MemberRequest Member(string id, string relation = "self", decimal income = 800m, string employment = "employed", string? workCounty = "361102") => new()
    {
        IdNumber = id,
        Name = "张三",
        Relation = relation,
        EmploymentStatus = employment,
        WorkCounty = workCounty,
        MonthlyIncomes = [new IncomeRequest { Source = "wage", Amount = income }],
    };

    private static ApplicationRequest Valid() => new()
    {
        Applicant = new ApplicantRequest { IdNumber = Applicant, Name = "张三", Phone = "13812345678" },
        Members = [Member(Applicant), Member(Spouse, "spouse", 0, "unemployed", null)],
        HukouCounty = "361102",
        ResidenceCounty = "361102",
        AreaType = "urban",
        Scheme = "temporary-assistance",
        TemporaryAssistanceKind = "uninsured-unemployed",
        Channel = "hotline-12345",
        Circumstances = new CircumstancesRequest { MonthsWithoutIncome = 3, Urgent = true },
        Authorization = new AuthorizationRequest { SignedBy = "张三", SignedAt = Now.AddDays(-1), Method = "e-signature", Reference = "esign-42" },
    };

    private static IDictionary<string, string[]> Errors(ApplicationRequest request)
    {
        var result = ApplicationValidator.Validate(request, Now);
        Assert.Null(result.Application);
        return result.Errors.ToDictionary();
    }

    [Fact]
    public void A_valid_application_maps_to_the_contract_types()
    {
        var result = ApplicationValidator.Validate(Valid(), Now);

        Assert.True(result.Errors.IsEmpty);
        var application = Assert.IsType<ValidatedApplication>(result.Application);
        Assert.Equal(Channel.Hotline12345, application.Channel);
        Assert.Equal(Scheme.TemporaryAssistance, application.Scheme);
        Assert.Equal(TemporaryAssistanceKind.UninsuredUnemployed, application.TemporaryAssistanceKind);
        Assert.Equal(AuthorizationMethod.ESignature, application.Authorization.Method);
        Assert.Equal(800m, application.Members[0].TotalMonthlyIncome);
        Assert.Equal(EmploymentStatus.Unemployed, application.Members[1].EmploymentStatus);
    }

    [Fact]
    public void Without_the_authorization_the_outcome_is_422_not_a_field_error()
    {
        var result = ApplicationValidator.Validate(Valid() with { Authorization = null }, Now);

        Assert.True(result.AuthorizationMissing);
        Assert.True(result.Errors.IsEmpty);
        Assert.Null(result.Application);
    }

    [Fact]
    public void A_partial_authorization_names_the_missing_parts()
    {
        var errors = Errors(Valid() with { Authorization = new AuthorizationRequest { SignedBy = "张三" } });

        Assert.Contains("authorization.signedAt", errors.Keys);
        Assert.Contains("authorization.method", errors.Keys);
        Assert.Contains("authorization.reference", errors.Keys);
    }

    [Fact]
    public void A_bad_checksum_is_named_per_member()
    {
        var errors = Errors(Valid() with { Members = [Member(Applicant), Member("361102198202022346", "spouse")] });

        Assert.Contains("members[1].idNumber", errors.Keys);
        Assert.Contains("MOD 11-2", errors["members[1].idNumber"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_person_twice_in_one_household_is_refused()
    {
        var errors = Errors(Valid() with { Members = [Member(Applicant), Member(Applicant, "child")] });

        Assert.Contains("members[1].idNumber", errors.Keys);
    }

    [Fact]
    public void Households_have_one_to_twenty_members()
    {
        Assert.Contains("members", Errors(Valid() with { Members = [] }).Keys);
        var many = Enumerable.Range(0, 21).Select(i => Member(Applicant, i == 0 ? "self" : "child")).ToList();
        Assert.Contains("members", Errors(Valid() with { Members = many }).Keys);
    }

    [Fact]
    public void The_applicant_must_be_the_self_member()
    {
        Assert.Contains("members", Errors(Valid() with { Members = [Member(Spouse)] }).Keys);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    [InlineData(10.005)]
    public void Incomes_must_be_sane(double amount)
    {
        var errors = Errors(Valid() with { Members = [Member(Applicant, income: (decimal)amount)] });

        Assert.Contains("members[0].monthlyIncomes[0].amount", errors.Keys);
    }

    [Fact]
    public void A_hukou_anywhere_in_china_is_accepted()
    {
        // R4, R8: no hukou restriction; 北京市东城区 is as good a hukou as 信州区.
        var result = ApplicationValidator.Validate(Valid() with { HukouCounty = "110101" }, Now);
        Assert.Equal("110101", result.Application?.HukouCounty);
    }

    [Fact]
    public void Unknown_counties_and_enum_values_are_named_with_the_allowed_values()
    {
        var errors = Errors(Valid() with { HukouCounty = "999999", ResidenceCounty = "36110", AreaType = "suburb", Scheme = "pension", Channel = "fax" });

        Assert.Contains("hukouCounty", errors.Keys);
        Assert.Contains("residenceCounty", errors.Keys);
        Assert.Contains("areaType", errors.Keys);
        Assert.Contains("scheme", errors.Keys);
        Assert.Contains("hotline-12345", errors["channel"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Temporary_assistance_needs_its_kind_and_other_schemes_refuse_one()
    {
        Assert.Contains("temporaryAssistanceKind", Errors(Valid() with { TemporaryAssistanceKind = null }).Keys);
        Assert.Contains("temporaryAssistanceKind", Errors(Valid() with { Scheme = "dibao" }).Keys);
    }

    [Fact]
    public void An_employed_member_needs_a_work_county_for_the_deduction()
    {
        Assert.Contains("members[0].workCounty", Errors(Valid() with { Members = [Member(Applicant, workCounty: null)] }).Keys);
    }

    [Fact]
    public void A_future_signature_is_refused() =>
        Assert.Contains("authorization.signedAt", Errors(Valid() with
        {
            Authorization = new AuthorizationRequest { SignedBy = "张三", SignedAt = Now.AddDays(1), Method = "paper-scan", Reference = "x" },
        }).Keys);

    [Fact]
    public void A_signature_of_year_one_is_refused() =>
        Assert.Contains("authorization.signedAt", Errors(Valid() with
        {
            Authorization = new AuthorizationRequest { SignedBy = "张三", SignedAt = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero), Method = "paper-scan", Reference = "x" },
        }).Keys);

    [Fact]
    public void Messages_are_bilingual()
    {
        var message = Errors(Valid() with { AreaType = null })["areaType"][0];

        Assert.Contains("必填", message, StringComparison.Ordinal);
        Assert.Contains("Required", message, StringComparison.Ordinal);
    }
}
