namespace ReliefPlatform.Relief.PurchasedServices;

/// <summary>What one invoice line was found to be worth: the quantity confirmed by the recipient, the contract's price, and why less is paid.</summary>
public sealed record ReconciledLine(Guid OrderId, decimal BilledQuantity, decimal BilledAmount, decimal ConfirmedQuantity, decimal UnitPrice, decimal Payable,
    string? DifferenceZh, string? DifferenceEn);

/// <summary>An order as the reconciliation sees it: its price, and the quantity its recipient confirmed.</summary>
public sealed record OrderDelivered(Guid OrderId, Guid ProviderId, DateOnly Month, decimal UnitPrice, decimal ConfirmedQuantity);

/// <summary>
/// R16, R19: a provider is paid for services the recipients confirmed, at the contract's price, and
/// nothing else. Each line pays the smaller of what is billed and what was confirmed, at the order's
/// price; a line for another provider's or another month's order, or billed twice, pays nothing. Every
/// difference is named so the provider can be told why.
/// </summary>
public static class InvoiceReconciliation
{
    public static IReadOnlyList<ReconciledLine> Reconcile(Guid providerId, DateOnly month, IReadOnlyList<InvoiceLine> lines, IReadOnlyDictionary<Guid, OrderDelivered> orders)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(orders);
        var seen = new HashSet<Guid>();
        var result = new List<ReconciledLine>();
        foreach (var line in lines)
        {
            if (!seen.Add(line.OrderId))
            {
                result.Add(Nothing(line, "同一订单重复开票。", "The order is billed twice."));
                continue;
            }

            if (!orders.TryGetValue(line.OrderId, out var order) || order.ProviderId != providerId || order.Month != month)
            {
                result.Add(Nothing(line, "不是本机构本月的服务订单。", "Not an order of this provider for this month."));
                continue;
            }

            var quantity = Math.Min(line.Quantity, order.ConfirmedQuantity);
            var payable = decimal.Round(quantity * order.UnitPrice, 2, MidpointRounding.AwayFromZero);
            string? zh = null, en = null;
            if (line.Quantity > order.ConfirmedQuantity)
            {
                zh = $"开票 {line.Quantity} 超过服务对象确认的 {order.ConfirmedQuantity}。";
                en = $"Billed {line.Quantity}, the recipient confirmed {order.ConfirmedQuantity}.";
            }
            else if (line.Amount != payable)
            {
                zh = $"金额 {line.Amount:0.00} 与合同单价 {order.UnitPrice:0.00} × {quantity} 不符。";
                en = $"The amount {line.Amount:0.00} is not the contract price {order.UnitPrice:0.00} × {quantity}.";
            }

            result.Add(new ReconciledLine(line.OrderId, line.Quantity, line.Amount, order.ConfirmedQuantity, order.UnitPrice,
                Math.Min(payable, line.Amount), zh, en));
        }

        return result;
    }

    private static ReconciledLine Nothing(InvoiceLine line, string zh, string en) => new(line.OrderId, line.Quantity, line.Amount, 0, 0, 0, zh, en);
}
