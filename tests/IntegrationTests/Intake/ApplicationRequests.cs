namespace ReliefPlatform.IntegrationTests.Intake;

/// <summary>Application bodies as a provincial system would send them.</summary>
public static class ApplicationRequests
{
    public static Dictionary<string, object?> Dibao(string applicantId, string county = "361102", params string[] otherMemberIds)
    {
        var members = new List<object>
        {
            new Dictionary<string, object?>
            {
                ["idNumber"] = applicantId, ["name"] = "张三", ["relation"] = "self", ["employmentStatus"] = "employed", ["workCounty"] = county,
                ["monthlyIncomes"] = new[] { new { source = "wage", amount = 800.00m } },
            },
        };
        members.AddRange(otherMemberIds.Select(id => (object)new Dictionary<string, object?>
        {
            ["idNumber"] = id, ["name"] = "李四", ["relation"] = "spouse", ["employmentStatus"] = "unemployed",
        }));

        return new Dictionary<string, object?>
        {
            ["applicant"] = new { idNumber = applicantId, name = "张三", phone = "13812345678" },
            ["members"] = members,
            ["hukouCounty"] = county,
            ["residenceCounty"] = county,
            ["areaType"] = "urban",
            ["scheme"] = "dibao",
            ["channel"] = "walk-in",
            ["circumstances"] = new { monthsWithoutIncome = 0 },
            ["authorization"] = new { signedBy = "张三", signedAt = "2026-01-02T10:00:00+08:00", method = "paper-scan", reference = "scan-001" },
        };
    }
}
