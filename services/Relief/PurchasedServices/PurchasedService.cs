using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Relief.PurchasedServices;

/// <summary>One kind of service the province buys (R16 服务类社会救助): care by the hour, visits, counselling, cleaning, meals…</summary>
public sealed class ServiceItem
{
    public long Key { get; set; }

    /// <summary>A short code (e.g. <c>care-hour</c>, <c>meal</c>): what contracts price and orders name.</summary>
    public string Code { get; set; } = "";

    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";

    /// <summary>What a quantity counts: hours, visits, meals, sessions.</summary>
    public string Unit { get; set; } = "";

    internal static void Configure(EntityTypeBuilder<ServiceItem> i)
    {
        i.ToTable("service_items");
        i.HasKey(x => x.Key);
        i.HasIndex(x => x.Code).IsUnique();
        i.Property(x => x.Code).HasMaxLength(32);
        i.Property(x => x.NameZh).HasMaxLength(50);
        i.Property(x => x.NameEn).HasMaxLength(100);
        i.Property(x => x.Unit).HasMaxLength(16);
    }
}

/// <summary>A price of a contract: one unit of a catalogue item.</summary>
public sealed record ContractPrice(string ItemCode, decimal UnitPrice);

/// <summary>
/// A service provider under contract with a county (a social organisation, a care company, or a person):
/// the contract's period and its prices per catalogue item. Orders take the price in force on their month.
/// </summary>
public sealed class Provider
{
    public long Key { get; set; }
    public Guid ProviderId { get; set; }
    public string County { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The unified social credit code: what payments pays the provider's invoices to.</summary>
    public string CreditCode { get; set; } = "";

    public string Phone { get; set; } = "";
    public DateOnly ContractFrom { get; set; }
    public DateOnly ContractTo { get; set; }
    public List<ContractPrice> Prices { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }

    public decimal? PriceOf(string itemCode, DateOnly on) =>
        on >= ContractFrom && on <= ContractTo ? Prices.FirstOrDefault(p => p.ItemCode == itemCode)?.UnitPrice : null;

    internal static void Configure(EntityTypeBuilder<Provider> p)
    {
        p.ToTable("service_providers");
        p.HasKey(x => x.Key);
        p.HasIndex(x => x.ProviderId).IsUnique();
        p.HasIndex(x => new { x.County, x.CreditCode }).IsUnique();
        p.Property(x => x.County).HasMaxLength(6);
        p.Property(x => x.Name).HasMaxLength(100);
        p.Property(x => x.CreditCode).HasMaxLength(18);
        p.Property(x => x.Phone).HasMaxLength(20);
        p.Property(x => x.Prices).HasJsonConversion();
    }
}

/// <summary>A service of a support plan: so much of an item a month, from a provider.</summary>
public sealed record PlannedService(string ItemCode, decimal QuantityPerMonth, Guid ProviderId);

/// <summary>
/// A recipient's support plan (R16 "物质+服务"): the cash they receive (the roster's monthly amount, and any
/// in-kind help) combined with services bought for them. Each month's service orders are made from it.
/// </summary>
public sealed class SupportPlan
{
    public long Key { get; set; }
    public Guid PlanId { get; set; }
    public string County { get; set; } = "";
    public string Township { get; set; } = "";
    public string PersonIdNumber { get; set; } = "";
    public string PersonName { get; set; } = "";
    public decimal MonthlyCash { get; set; }
    public string? InKind { get; set; }
    public List<PlannedService> Services { get; set; } = [];
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<SupportPlan> p)
    {
        p.ToTable("support_plans");
        p.HasKey(x => x.Key);
        p.HasIndex(x => x.PlanId).IsUnique();
        p.HasIndex(x => x.PersonIdNumber);
        p.Property(x => x.County).HasMaxLength(6);
        p.Property(x => x.Township).HasMaxLength(9);
        p.Property(x => x.PersonIdNumber).HasMaxLength(18);
        p.Property(x => x.PersonName).HasMaxLength(50);
        p.Property(x => x.MonthlyCash).HasPrecision(14, 2);
        p.Property(x => x.InKind).HasMaxLength(500);
        p.Property(x => x.Services).HasJsonConversion();
        p.Property(x => x.CreatedBy).HasMaxLength(50);
    }
}

/// <summary>A month's order of one service for one person from one provider, at the contract's price.</summary>
public sealed class ServiceOrder
{
    public long Key { get; set; }
    public Guid OrderId { get; set; }
    public long PlanKey { get; set; }
    public string County { get; set; } = "";
    public Guid ProviderId { get; set; }
    public string PersonIdNumber { get; set; } = "";
    public string PersonName { get; set; } = "";
    public string ItemCode { get; set; } = "";
    public decimal UnitPrice { get; set; }
    public decimal Quantity { get; set; }

    /// <summary>The first day of the month the order is for.</summary>
    public DateOnly Month { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<ServiceOrder> o)
    {
        o.ToTable("service_orders");
        o.HasKey(x => x.Key);
        o.HasIndex(x => x.OrderId).IsUnique();
        // A plan's service is ordered once a month, however often the month's orders are asked for.
        o.HasIndex(x => new { x.PlanKey, x.ItemCode, x.ProviderId, x.Month }).IsUnique();
        o.HasIndex(x => new { x.ProviderId, x.Month });
        o.Property(x => x.County).HasMaxLength(6);
        o.Property(x => x.PersonIdNumber).HasMaxLength(18);
        o.Property(x => x.PersonName).HasMaxLength(50);
        o.Property(x => x.ItemCode).HasMaxLength(32);
        o.Property(x => x.UnitPrice).HasPrecision(14, 2);
        o.Property(x => x.Quantity).HasPrecision(10, 2);
    }
}

/// <summary>A delivery of an order: who served, when, how long, how much, and the recipient's confirmation.</summary>
public sealed class ServiceDelivery
{
    public long Key { get; set; }
    public Guid DeliveryId { get; set; }
    public long OrderKey { get; set; }
    public string Worker { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public int Minutes { get; set; }
    public decimal Quantity { get; set; }

    /// <summary>How the recipient confirmed it (signature on the worker's device, a code sent to their phone), or null when they did not.</summary>
    public string? ConfirmedBy { get; set; }

    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<ServiceDelivery> d)
    {
        d.ToTable("service_deliveries");
        d.HasKey(x => x.Key);
        d.HasIndex(x => x.DeliveryId).IsUnique();
        d.HasIndex(x => x.OrderKey);
        d.Property(x => x.Worker).HasMaxLength(50);
        d.Property(x => x.Quantity).HasPrecision(10, 2);
        d.Property(x => x.ConfirmedBy).HasMaxLength(32);
        d.Property(x => x.RecordedBy).HasMaxLength(50);
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<InvoiceStatus>))]
public enum InvoiceStatus
{
    /// <summary>Checked against the deliveries: the payable amount is known, awaiting approval.</summary>
    [JsonStringEnumMemberName("reconciled")] Reconciled,

    /// <summary>Approved for the payable amount; payments pays it.</summary>
    [JsonStringEnumMemberName("approved")] Approved,

    [JsonStringEnumMemberName("rejected")] Rejected,
}

/// <summary>A line of a provider's invoice: so much of an order, for so much.</summary>
public sealed record InvoiceLine(Guid OrderId, decimal Quantity, decimal Amount);

/// <summary>
/// A provider's monthly invoice (R16), reconciled on receipt against the deliveries the recipients
/// confirmed: only confirmed quantities at the contract's price are payable. Approval pays that amount
/// through payments (purpose <c>services</c>).
/// </summary>
public sealed class ProviderInvoice
{
    public long Key { get; set; }
    public Guid InvoiceId { get; set; }
    public Guid ProviderId { get; set; }
    public string County { get; set; } = "";

    /// <summary>The provider's own invoice number (unique per provider: the same invoice is not entered twice).</summary>
    public string Number { get; set; } = "";

    public DateOnly Month { get; set; }
    public List<InvoiceLine> Lines { get; set; } = [];
    public decimal Billed { get; set; }
    public List<ReconciledLine> Reconciliation { get; set; } = [];
    public decimal Payable { get; set; }
    public InvoiceStatus Status { get; set; }
    public string ReceivedBy { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? Reason { get; set; }

    /// <summary>The payment's reference at payments: one payment per invoice.</summary>
    public string PaymentReference => $"services:{InvoiceId}";

    internal static void Configure(EntityTypeBuilder<ProviderInvoice> i)
    {
        i.ToTable("provider_invoices");
        i.HasRowVersion();
        i.HasKey(x => x.Key);
        i.HasIndex(x => x.InvoiceId).IsUnique();
        i.HasIndex(x => new { x.ProviderId, x.Number }).IsUnique();
        i.Property(x => x.County).HasMaxLength(6);
        i.Property(x => x.Number).HasMaxLength(50);
        i.Property(x => x.Lines).HasJsonConversion();
        i.Property(x => x.Billed).HasPrecision(14, 2);
        i.Property(x => x.Reconciliation).HasJsonConversion();
        i.Property(x => x.Payable).HasPrecision(14, 2);
        i.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        i.Property(x => x.ReceivedBy).HasMaxLength(50);
        i.Property(x => x.DecidedBy).HasMaxLength(50);
        i.Property(x => x.Reason).HasMaxLength(1000);
        i.Ignore(x => x.PaymentReference);
    }
}
