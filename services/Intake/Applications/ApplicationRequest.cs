namespace ReliefPlatform.Intake.Applications;

// The request shapes keep enum values as strings so that an unknown value is reported against its
// field (members[2].relation) instead of failing the whole body.

/// <summary>An application for assistance (R3): the applicant, the household, the scheme, one ID + one letter.</summary>
public sealed record ApplicationRequest
{
    public ApplicantRequest? Applicant { get; init; }
    public List<MemberRequest>? Members { get; init; }
    public string? HukouCounty { get; init; }
    public string? ResidenceCounty { get; init; }

    /// <summary><c>urban</c> or <c>rural</c>.</summary>
    public string? AreaType { get; init; }

    /// <summary><c>dibao</c>, <c>tekun</c> or <c>temporary-assistance</c>.</summary>
    public string? Scheme { get; init; }

    /// <summary>For temporary assistance: <c>uninsured-unemployed</c> (R4), <c>unemployed-graduate</c> (R5), <c>epidemic-hit</c> (R9), <c>risk-area</c> (R13), <c>general</c> (R10).</summary>
    public string? TemporaryAssistanceKind { get; init; }

    public CircumstancesRequest? Circumstances { get; init; }

    /// <summary><c>hotline-12345</c>, <c>walk-in</c>, <c>online</c>, <c>qr-code</c> or <c>outreach</c>.</summary>
    public string? Channel { get; init; }

    /// <summary>The signed authorization to verify the household's economic situation (the "one letter").</summary>
    public AuthorizationRequest? Authorization { get; init; }

    /// <summary>The outreach lead this application follows up (R1), if any.</summary>
    public Guid? LeadId { get; init; }

    /// <summary>
    /// The township or street of residence (9 digits, inside <see cref="ResidenceCounty"/>): optional for
    /// systems, required of a township's or village's people, who submit for their own township only.
    /// </summary>
    public string? ResidenceTownship { get; init; }

    /// <summary>The village or community of residence (12 digits, inside the township): where its public disclosure is posted (R20).</summary>
    public string? ResidenceVillage { get; init; }
}

public sealed record ApplicantRequest
{
    /// <summary>The identity document number (the "one ID"): 18 characters, GB 11643.</summary>
    public string? IdNumber { get; init; }
    public string? Name { get; init; }
    public string? Phone { get; init; }
}

public sealed record MemberRequest
{
    public string? IdNumber { get; init; }
    public string? Name { get; init; }

    /// <summary><c>self</c> (the applicant), <c>spouse</c>, <c>child</c>, <c>parent</c>, <c>grandparent</c>, <c>grandchild</c>, <c>sibling</c>, <c>other</c>.</summary>
    public string? Relation { get; init; }

    public List<IncomeRequest>? MonthlyIncomes { get; init; }

    /// <summary><c>employed</c>, <c>flexible</c>, <c>unemployed</c>, <c>retired</c>, <c>student</c>, <c>not-working</c>.</summary>
    public string? EmploymentStatus { get; init; }

    /// <summary>County of work (6 digits): required when employed; its standard sets the employment-cost deduction (R6).</summary>
    public string? WorkCounty { get; init; }

    public bool? UnemploymentInsured { get; init; }
    public bool? Disabled { get; init; }
    public bool? Student { get; init; }

    /// <summary><c>none</c>, <c>employed</c>, <c>unemployed</c>, <c>business-failed</c> (R5).</summary>
    public string? GraduateStatus { get; init; }

    /// <summary><c>full</c>, <c>partial</c>, <c>none</c> (tekun needs none).</summary>
    public string? WorkAbility { get; init; }

    public bool? HasLegalSupporter { get; init; }
}

public sealed record IncomeRequest
{
    /// <summary><c>wage</c>, <c>business</c>, <c>agriculture</c>, <c>pension</c>, <c>property</c>, <c>transfer</c>, <c>other</c>.</summary>
    public string? Source { get; init; }

    /// <summary>CNY per month, at most two decimals.</summary>
    public decimal? Amount { get; init; }
}

public sealed record CircumstancesRequest
{
    public int? MonthsWithoutIncome { get; init; }
    public bool? QuarantineOrIllnessInFamily { get; init; }
    public bool? InRiskArea { get; init; }
    public bool? Urgent { get; init; }
    public string? Description { get; init; }
}

public sealed record AuthorizationRequest
{
    public string? SignedBy { get; init; }
    public DateTimeOffset? SignedAt { get; init; }

    /// <summary><c>paper-scan</c> or <c>e-signature</c>.</summary>
    public string? Method { get; init; }

    /// <summary>The scan's reference or the e-signature id.</summary>
    public string? Reference { get; init; }
}
