namespace ReliefPlatform.Contracts.Diagnostics;

/// <summary>
/// A synthetic message that proves the platform's wiring end to end: written by intake through its
/// outbox, relayed to RabbitMQ, and recorded by every other service through its inbox. Operators use
/// it after a deployment, and the integration tests use it to check the whole path.
/// </summary>
/// <param name="ProbeId">Public id of the probe.</param>
/// <param name="SentBy">The service that wrote the probe.</param>
/// <param name="SentAt">When the probe was written (UTC).</param>
/// <param name="Note">Free text from the operator who sent the probe.</param>
public sealed record WiringProbeSent(Guid ProbeId, string SentBy, DateTimeOffset SentAt, string? Note);
