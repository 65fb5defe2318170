namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>Settings of the outbox relay (configuration section <c>Messaging:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Messaging:Outbox";

    /// <summary>How often the relay looks for rows when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows taken (and locked) per round.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How long the relay waits for the broker's confirm before it treats a publish as failed.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Upper bound of the back-off between relay attempts of one row. A row the broker returns
    /// because no queue is bound to its event yet waits here until a consumer is deployed.
    /// </summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Set false to run a process that writes rows but never relays them (tests of crash recovery).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Health is Degraded when the oldest message waiting to be relayed is older than this (issue 24).</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromMinutes(2);
}
