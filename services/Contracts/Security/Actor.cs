using System.Text.Json.Serialization;

namespace ReliefPlatform.Contracts.Security;

[JsonConverter(typeof(JsonStringEnumConverter<ActorKind>))]
public enum ActorKind
{
    /// <summary>A person signed in (authorization code flow): caseworker, approver, auditor...</summary>
    [JsonStringEnumMemberName("person")] Person,

    /// <summary>A system with client credentials: a provincial platform, a department's feed, the operator.</summary>
    [JsonStringEnumMemberName("client")] Client,

    /// <summary>The platform itself: a consumer or a scheduled worker acting on an event or a clock.</summary>
    [JsonStringEnumMemberName("system")] System,
}

/// <summary>
/// Who did something, as recorded on decisions and in the audit trail: taken from the access token
/// (subject, name, unit), never from a request body (issue 16).
/// </summary>
public sealed record Actor(ActorKind Kind, string Id, string Name, string? Unit)
{
    /// <summary>The platform acting by itself (<paramref name="what"/>: the consumer or worker).</summary>
    public static Actor System(string what) => new(ActorKind.System, what, what, null);

    /// <summary>One line for lists and logs: the name and, for a person, the unit.</summary>
    public override string ToString() => Unit is null ? Name : $"{Name}（{Unit}）";
}
