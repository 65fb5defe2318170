using ReliefPlatform.ServiceDefaults.OpenApi;

namespace ReliefPlatform.Intake.Applications;

/// <summary>What the API reference shows as a request: a dibao application as a county window sends it (R3: one ID, one letter).</summary>
public static class ApplicationExamples
{
    public static readonly ApplicationRequest Dibao = new()
    {
        Applicant = new ApplicantRequest { IdNumber = "361102198001011236", Name = "张三", Phone = "13812345678" },
        Members =
        [
            new MemberRequest
            {
                IdNumber = "361102198001011236", Name = "张三", Relation = "self", EmploymentStatus = "employed", WorkCounty = "361102",
                MonthlyIncomes = [new IncomeRequest { Source = "wage", Amount = 800.00m }],
            },
            new MemberRequest { IdNumber = "361102198203054322", Name = "李四", Relation = "spouse", EmploymentStatus = "unemployed" },
        ],
        HukouCounty = "361102",
        ResidenceCounty = "361102",
        AreaType = "urban",
        Scheme = "dibao",
        Channel = "walk-in",
        Circumstances = new CircumstancesRequest { MonthsWithoutIncome = 0, Description = "配偶失业，家庭仅一人有收入" },
        Authorization = new AuthorizationRequest
        {
            SignedBy = "张三", SignedAt = DateTimeOffset.UtcNow.AddDays(-1).ToOffset(TimeSpan.FromHours(8)), Method = "paper-scan", Reference = "scan-2026-001",
        },
    };

    public static void Register() => OpenApiExamples.Register(Dibao);
}
