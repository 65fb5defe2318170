namespace ReliefPlatform.Contracts;

/// <summary>
/// Names of the resources in the AppHost. The AppHost declares them, services read their
/// connection strings and service-discovery addresses by them, and tests look them up by them:
/// one definition keeps the three in step.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Messaging = "messaging";
    public const string Cache = "cache";

    public const string Gateway = "gateway";
    public const string Intake = "intake";
    public const string Eligibility = "eligibility";
    public const string Relief = "relief";
    public const string Payments = "payments";
    public const string Notification = "notification";
    public const string Oversight = "oversight";

    /// <summary>The reference web frontend (the public site and the staff console), behind the gateway at <c>/</c>.</summary>
    public const string Web = "web";

    public const string IntakeDb = "intakedb";
    public const string EligibilityDb = "eligibilitydb";
    public const string ReliefDb = "reliefdb";
    public const string PaymentsDb = "paymentsdb";
    public const string NotificationDb = "notificationdb";
    public const string OversightDb = "oversightdb";

    /// <summary>The gateway's database: people, their roles and sign-in state.</summary>
    public const string IdentityDb = "identitydb";

    /// <summary>Every service with the database it owns.</summary>
    public static IReadOnlyList<(string Service, string Database)> Services { get; } =
    [
        (Intake, IntakeDb),
        (Eligibility, EligibilityDb),
        (Relief, ReliefDb),
        (Payments, PaymentsDb),
        (Notification, NotificationDb),
        (Oversight, OversightDb),
    ];

    /// <summary>The path prefix under which the gateway exposes a service's API.</summary>
    public static string ApiPrefix(string service) => service switch
    {
        Notification => "/api/notifications",
        _ => $"/api/{service}",
    };
}
