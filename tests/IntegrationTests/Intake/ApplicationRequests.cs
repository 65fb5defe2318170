namespace ReliefPlatform.IntegrationTests.Intake;

/// <summary>Application bodies as a provincial system would send them.</summary>
public static class ApplicationRequests
{
    /// <summary>
    /// R4 (uninsured unemployed, three months without income): eligible, so the application stays open
    /// after the assessment, waiting for relief's grant.
    /// </summary>
    public static Dictionary<string, object?> UninsuredUnemployed(string applicantId, string county = "361102", params string[] otherMemberIds)
    {
        var body = Dibao(applicantId, county, otherMemberIds);
        body["scheme"] = "temporary-assistance";
        body["temporaryAssistanceKind"] = "uninsured-unemployed";
        body["channel"] = "hotline-12345";
        body["circumstances"] = new { monthsWithoutIncome = 3, urgent = true };
        var self = (Dictionary<string, object?>)((List<object>)body["members"]!)[0];
        self["employmentStatus"] = "unemployed";
        self.Remove("workCounty");
        self.Remove("monthlyIncomes");
        return body;
    }

    /// <summary>A dibao application of one working member earning <paramref name="wage"/> a month in <paramref name="county"/>.</summary>
    public static Dictionary<string, object?> Dibao(string applicantId, string county = "361102", params string[] otherMemberIds) =>
        Dibao(applicantId, 800.00m, county, otherMemberIds);

    public static Dictionary<string, object?> Dibao(string applicantId, decimal wage, string county, params string[] otherMemberIds)
    {
        var members = new List<object>
        {
            new Dictionary<string, object?>
            {
                ["idNumber"] = applicantId, ["name"] = "张三", ["relation"] = "self", ["employmentStatus"] = "employed", ["workCounty"] = county,
                ["monthlyIncomes"] = new[] { new { source = "wage", amount = wage } },
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
            ["authorization"] = new { signedBy = "张三", signedAt = DateTimeOffset.UtcNow.AddDays(-1), method = "paper-scan", reference = "scan-001" },
        };
    }
}
