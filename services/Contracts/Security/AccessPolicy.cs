namespace ReliefPlatform.Contracts.Security;

/// <summary>The scopes a client can be granted (OAuth2 client credentials, issued by the gateway).</summary>
public static class Scopes
{
    public const string IntakeRead = "intake.read";
    public const string IntakeWrite = "intake.write";
    public const string EligibilityAdmin = "eligibility.admin";
    public const string FeedsWrite = "feeds.write";
    public const string ReliefApprove = "relief.approve";
    public const string PaymentsOperate = "payments.operate";
    public const string NotificationsRead = "notifications.read";
    public const string NotificationsManage = "notifications.manage";
    public const string ReportsRead = "reports.read";

    /// <summary>The audit trail of every service (auditors, supervisors).</summary>
    public const string AuditRead = "audit.read";

    /// <summary>People and their roles at the gateway (administrators).</summary>
    public const string PeopleAdmin = "people.admin";

    /// <summary>The dibao and tekun procedure (R3, R20): investigation, disclosure, decision, review; work queues.</summary>
    public const string EligibilityCasework = "eligibility.casework";

    /// <summary>Oversight's casework (R20): complaints and tips, supervision flags; county offices and supervisors, the 12345 hotline's system.</summary>
    public const string OversightHandle = "oversight.handle";

    /// <summary>Operators' actions on the platform itself (issue 24): queue figures, replaying dead letters, a bank round now.</summary>
    public const string PlatformOperate = "platform.operate";

    public static readonly IReadOnlyList<string> All =
    [
        IntakeRead, IntakeWrite, EligibilityAdmin, FeedsWrite, ReliefApprove, PaymentsOperate, NotificationsRead, NotificationsManage, ReportsRead,
        AuditRead, PeopleAdmin, EligibilityCasework, OversightHandle, PlatformOperate,
    ];
}

/// <summary>Claims the platform's access tokens carry besides the standard ones.</summary>
public static class PlatformClaims
{
    /// <summary>One claim per county code the client may act for, or a single <see cref="AllCounties"/>.</summary>
    public const string County = "county";
    public const string AllCounties = "*";
    public const string ClientId = "client_id";

    /// <summary>A person's organisation unit (province, city, county, township or village code).</summary>
    public const string Unit = "unit";

    /// <summary>One claim per role a person holds at their unit (<see cref="PlatformRoles"/>).</summary>
    public const string Role = "role";
    public const string Scope = "scope";

    /// <summary>The audience of every access token: the platform's APIs.</summary>
    public const string Audience = "relief-platform";
}

/// <summary>One access rule: requests under <see cref="PathPrefix"/> with one of <see cref="Methods"/> need any one of <see cref="AnyOfScopes"/>.</summary>
public sealed record AccessRule(string PathPrefix, IReadOnlyList<string> Methods, IReadOnlyList<string> AnyOfScopes);

/// <summary>
/// Which scope each API needs, defined once: the gateway enforces it before proxying, and every service
/// enforces it again on the token it receives (defence in depth). Rules are tried in order; the first
/// whose prefix and method match decides. Paths not under <c>/api/</c> (health, documents, the token
/// endpoint) are not governed here.
/// </summary>
public static class AccessPolicy
{
    private static readonly string[] Reads = ["GET", "HEAD"];
    private static readonly string[] Writes = ["POST", "PUT", "PATCH", "DELETE"];
    private static readonly string[] Any = [.. Reads, .. Writes];

    /// <summary>The OpenAPI extension that lists the scopes an operation needs (any one of them).</summary>
    public const string OpenApiExtension = "x-scopes";

    public static readonly IReadOnlyList<AccessRule> Rules =
    [
        // Diagnostics: operators' wiring probe.
        new("/api/intake/diagnostics", Any, [Scopes.IntakeWrite, Scopes.EligibilityAdmin]),
        new("/api/eligibility/diagnostics", Any, [Scopes.ReportsRead, Scopes.EligibilityAdmin]),
        new("/api/relief/diagnostics", Any, [Scopes.ReportsRead, Scopes.ReliefApprove]),
        new("/api/payments/diagnostics", Any, [Scopes.ReportsRead, Scopes.PaymentsOperate]),
        new("/api/notifications/diagnostics", Any, [Scopes.ReportsRead, Scopes.NotificationsManage]),
        new("/api/oversight/diagnostics", Any, [Scopes.ReportsRead, Scopes.OversightHandle]),

        // Operators' actions on each service's messaging and connectors (issue 24): the dashboard's commands.
        new("/api/intake/operations", Any, [Scopes.PlatformOperate]),
        new("/api/eligibility/operations", Any, [Scopes.PlatformOperate]),
        new("/api/relief/operations", Any, [Scopes.PlatformOperate]),
        new("/api/payments/operations", Any, [Scopes.PlatformOperate]),
        new("/api/notifications/operations", Any, [Scopes.PlatformOperate]),
        new("/api/oversight/operations", Any, [Scopes.PlatformOperate]),

        // Every service's audit trail: auditors (and supervisors given audit.read) only, before the service-wide rules.
        new("/api/intake/audit", Reads, [Scopes.AuditRead]),
        new("/api/eligibility/audit", Reads, [Scopes.AuditRead]),
        new("/api/relief/audit", Reads, [Scopes.AuditRead]),
        new("/api/payments/audit", Reads, [Scopes.AuditRead]),
        new("/api/notifications/audit", Reads, [Scopes.AuditRead]),
        new("/api/people/audit", Reads, [Scopes.AuditRead]),
        new("/api/oversight/audit", Reads, [Scopes.AuditRead]),

        // People and their roles, kept at the gateway.
        new("/api/people", Reads, [Scopes.PeopleAdmin, Scopes.AuditRead]),
        new("/api/people", Writes, [Scopes.PeopleAdmin]),

        new("/api/intake", Reads, [Scopes.IntakeRead, Scopes.ReportsRead]),
        new("/api/intake", Writes, [Scopes.IntakeWrite]),

        // R2: departments' data drops for dynamic monitoring.
        new("/api/eligibility/feeds", Writes, [Scopes.FeedsWrite]),
        // The procedure of a dibao or tekun application and the units' work queues (issue 17): caseworkers and approvers.
        new("/api/eligibility/determinations", Reads, [Scopes.EligibilityCasework, Scopes.ReportsRead]),
        new("/api/eligibility/determinations", Writes, [Scopes.EligibilityCasework]),
        new("/api/eligibility/documents", Reads, [Scopes.EligibilityCasework]),
        new("/api/eligibility/work-items", Reads, [Scopes.EligibilityCasework, Scopes.ReportsRead]),
        new("/api/eligibility/work-items", Writes, [Scopes.EligibilityCasework]),
        // Not intake.read: a frontend holding it read the whole roster (issue 14).
        new("/api/eligibility", Reads, [Scopes.EligibilityAdmin, Scopes.ReportsRead]),
        new("/api/eligibility", Writes, [Scopes.EligibilityAdmin]),

        new("/api/relief", Reads, [Scopes.ReliefApprove, Scopes.ReportsRead]),
        new("/api/relief", Writes, [Scopes.ReliefApprove]),

        new("/api/payments", Reads, [Scopes.PaymentsOperate, Scopes.ReportsRead]),
        new("/api/payments", Writes, [Scopes.PaymentsOperate]),

        // A person's messages, for frontends; everything else of notification is operators' work.
        new("/api/notifications/inbox", Any, [Scopes.NotificationsRead, Scopes.NotificationsManage]),
        // The sandbox SMS box holds full phone numbers of every county: operators only.
        new("/api/notifications/sandbox", Any, [Scopes.NotificationsManage]),
        new("/api/notifications", Reads, [Scopes.NotificationsManage, Scopes.ReportsRead]),
        new("/api/notifications", Writes, [Scopes.NotificationsManage]),

        // Oversight (R18–R21, issue 19). Every member of staff declares their own close relatives (the register
        // the "relationship dibao" rule reads); complaints and flags are county offices' and supervisors' work.
        new("/api/oversight/relatives", Any, [Scopes.IntakeRead, Scopes.IntakeWrite, Scopes.ReliefApprove, Scopes.EligibilityCasework, Scopes.PaymentsOperate, Scopes.OversightHandle]),
        new("/api/oversight", Reads, [Scopes.OversightHandle, Scopes.ReportsRead]),
        new("/api/oversight", Writes, [Scopes.OversightHandle]),
    ];

    /// <summary>The prefix of what anyone may read or send without a token (public disclosure and its objections, R18, R20).</summary>
    public const string PublicPrefix = "/public/";

    /// <summary>True for API paths: they need a valid token.</summary>
    public static bool IsProtected(string path) => path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The rule for a request; null for an API path no rule covers (refused: nothing is open by omission).</summary>
    public static AccessRule? Find(string path, string method)
    {
        foreach (var rule in Rules)
        {
            if (Matches(path, rule.PathPrefix) && rule.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
            {
                return rule;
            }
        }

        return null;
    }

    private static bool Matches(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        && (path.Length == prefix.Length || path[prefix.Length] == '/');
}
