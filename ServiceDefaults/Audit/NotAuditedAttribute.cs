namespace ReliefPlatform.ServiceDefaults.Audit;

/// <summary>
/// Left out of the audit trail. On a record: it is a trail itself, written once and never changed (the audit
/// entry, an application's timeline step, a delivery attempt) — it names its own time and source, and the change
/// it belongs to is audited on its parent; copying it doubled the rows written per event (issue 22) — or a record
/// that keeps its own log (a notification's delivery: its attempts, kept with it; what a person does to it is
/// recorded by the endpoint with <see cref="AuditTrail.Record"/>), or the messaging plumbing (outbox and inbox rows). On a
/// property: the row's own bookkeeping (when it was last touched, a worker's lease), not a change anybody
/// made; a modification of such properties alone leaves no entry.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, Inherited = false)]
public sealed class NotAuditedAttribute : Attribute;
