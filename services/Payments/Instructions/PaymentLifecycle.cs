using System.Text.Json.Serialization;

namespace ReliefPlatform.Payments.Instructions;

/// <summary>Where a payment stands (R11, R19).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PaymentStatus>))]
public enum PaymentStatus
{
    [JsonStringEnumMemberName("instructed")] Instructed,

    /// <summary>No allocation of its county and purpose can pay it yet: it waits, listed for operators.</summary>
    [JsonStringEnumMemberName("unfunded")] Unfunded,

    /// <summary>Drawn from an allocation; ready to be batched.</summary>
    [JsonStringEnumMemberName("funded")] Funded,
    [JsonStringEnumMemberName("batched")] Batched,
    [JsonStringEnumMemberName("submitted")] Submitted,
    [JsonStringEnumMemberName("settled")] Settled,
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Settled, then sent back by the bank (an account closed after crediting): recorded, and reissued like a failure.</summary>
    [JsonStringEnumMemberName("returned")] Returned,
    [JsonStringEnumMemberName("cancelled")] Cancelled,

    /// <summary>Not sent: its payee was reported deceased; a review releases it (a wrong report) or cancels it (issue 18).</summary>
    [JsonStringEnumMemberName("held")] Held,
}

/// <summary>
/// The payment state machine: instructed → (unfunded →) funded → batched → submitted → settled | failed;
/// a failed payment is reissued (a new attempt of the same payment, back to funded), never a new payment;
/// a settled payment the bank sends back is recorded as returned and reissued the same way;
/// cancellation only before batching; a payment of a payee reported deceased is held until a review
/// releases or cancels it.
/// </summary>
public static class PaymentLifecycle
{
    private static readonly Dictionary<PaymentStatus, PaymentStatus[]> Allowed = new()
    {
        [PaymentStatus.Instructed] = [PaymentStatus.Unfunded, PaymentStatus.Funded, PaymentStatus.Cancelled, PaymentStatus.Held],
        [PaymentStatus.Unfunded] = [PaymentStatus.Funded, PaymentStatus.Cancelled, PaymentStatus.Held],
        [PaymentStatus.Funded] = [PaymentStatus.Batched, PaymentStatus.Cancelled, PaymentStatus.Held],
        // Released after review: back to where funding left it (drawn or not); or cancelled, its money returned.
        [PaymentStatus.Held] = [PaymentStatus.Funded, PaymentStatus.Unfunded, PaymentStatus.Cancelled],
        // A batch's count and total are declared when it is made: a batched payment goes to the bank with it.
        [PaymentStatus.Batched] = [PaymentStatus.Submitted],
        [PaymentStatus.Submitted] = [PaymentStatus.Settled, PaymentStatus.Failed],
        [PaymentStatus.Failed] = [PaymentStatus.Funded],
        [PaymentStatus.Returned] = [PaymentStatus.Funded],
        [PaymentStatus.Settled] = [PaymentStatus.Returned],
        [PaymentStatus.Cancelled] = [],
    };

    public static bool CanMove(PaymentStatus from, PaymentStatus to) => Allowed[from].Contains(to);

    public static PaymentStatus Move(PaymentStatus from, PaymentStatus to) =>
        CanMove(from, to) ? to : throw new InvalidOperationException($"A payment cannot go from {from} to {to}.");

    // The moves the workers make set-based, thousands of rows per statement. Each UPDATE takes its
    // statuses from here (SET status = To WHERE status = ANY(From)), so SQL cannot move a payment the
    // state machine forbids: a forbidden move fails when the type loads, in every test that pays.
    public static readonly SetBasedMove Unfund = new(PaymentStatus.Unfunded, PaymentStatus.Instructed);
    public static readonly SetBasedMove Fund = new(PaymentStatus.Funded, PaymentStatus.Instructed, PaymentStatus.Unfunded);
    public static readonly SetBasedMove Batch = new(PaymentStatus.Batched, PaymentStatus.Funded);
    public static readonly SetBasedMove Submit = new(PaymentStatus.Submitted, PaymentStatus.Batched);
    public static readonly SetBasedMove Settle = new(PaymentStatus.Settled, PaymentStatus.Submitted);

    /// <summary>Every payment of a payee reported deceased that has not gone to the bank.</summary>
    public static readonly SetBasedMove Hold = new(PaymentStatus.Held, PaymentStatus.Instructed, PaymentStatus.Unfunded, PaymentStatus.Funded);
}

/// <summary>A move applied by one SQL statement, as the stored names of its statuses (the column holds the enum's name).</summary>
public sealed class SetBasedMove
{
    public SetBasedMove(PaymentStatus to, params PaymentStatus[] from)
    {
        foreach (var source in from)
        {
            PaymentLifecycle.Move(source, to);
        }

        To = to.ToString();
        From = [.. from.Select(source => source.ToString())];
    }

    public string To { get; }

    public string[] From { get; }
}
