using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Relief;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Relief.Data;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Relief.PurchasedServices;

public sealed record ServiceItemRequest(string? Code, string? NameZh, string? NameEn, string? Unit);

public sealed record ProviderRequest(string? County, string? Name, string? CreditCode, string? Phone, DateOnly? ContractFrom, DateOnly? ContractTo, List<ContractPrice>? Prices);

public sealed record ProviderView(Guid ProviderId, string County, string Name, string CreditCode, string Phone, DateOnly ContractFrom, DateOnly ContractTo, IReadOnlyList<ContractPrice> Prices);

public sealed record SupportPlanRequest(string? County, string? Township, string? PersonIdNumber, string? PersonName, decimal? MonthlyCash, string? InKind, List<PlannedService>? Services);

public sealed record SupportPlanView(Guid PlanId, string County, string Township, string PersonIdNumber, string PersonName, decimal MonthlyCash, string? InKind,
    IReadOnlyList<PlannedService> Services, string CreatedBy, DateTimeOffset CreatedAt);

public sealed record OrdersRequest(string? Month);

public sealed record OrderView(Guid OrderId, Guid ProviderId, string County, string PersonIdNumber, string PersonName, string ItemCode, decimal UnitPrice, decimal Quantity,
    DateOnly Month, decimal DeliveredQuantity, decimal ConfirmedQuantity);

public sealed record DeliveryRequest(string? Worker, DateTimeOffset? StartedAt, int? Minutes, decimal? Quantity, string? ConfirmedBy);

public sealed record DeliveryView(Guid DeliveryId, Guid OrderId, string Worker, DateTimeOffset StartedAt, int Minutes, decimal Quantity, string? ConfirmedBy, string RecordedBy);

public sealed record InvoiceRequest(Guid? ProviderId, string? Number, string? Month, List<InvoiceLine>? Lines);

public sealed record InvoiceDecisionRequest(string? Reason);

public sealed record InvoiceView(Guid InvoiceId, Guid ProviderId, string County, string Number, DateOnly Month, decimal Billed, decimal Payable, InvoiceStatus Status,
    IReadOnlyList<ReconciledLine> Reconciliation, string ReceivedBy, DateTimeOffset ReceivedAt, string? DecidedBy, DateTimeOffset? DecidedAt, string? Reason, string PaymentReference)
{
    public static InvoiceView From(ProviderInvoice i) => new(i.InvoiceId, i.ProviderId, i.County, i.Number, i.Month, i.Billed, i.Payable, i.Status, i.Reconciliation,
        i.ReceivedBy, i.ReceivedAt, i.DecidedBy, i.DecidedAt, i.Reason, i.PaymentReference);
}

/// <summary>
/// Purchased services (R16 "物质+服务"): the catalogue, providers under contract, support plans combining
/// cash and services, each month's orders, deliveries confirmed by the recipients, and providers' invoices
/// reconciled against them before payments pays the providers (purpose <c>services</c>).
/// </summary>
public static class PurchasedServicesApi
{
    public const string Path = "/api/relief/care";

    private static readonly string[] Confirmations = ["signature", "sms-code", "fingerprint"];

    public static RouteGroupBuilder MapPurchasedServicesApi(this IEndpointRouteBuilder app)
    {
        // A township's people reach their township's support plans only (403 for another's), before any handler runs.
        var group = app.MapGroup(Path).WithTags("Purchased services (R16)")
            .RequireTownshipOf<RouteGroupBuilder, ReliefDbContext>("planId",
                (db, id) => db.Set<SupportPlan>().Where(p => p.PlanId == id).Select(p => (string?)p.Township));
        group.MapPost("/catalogue", AddItemAsync).ProvinceWide().WithIdempotency("relief-care-catalogue").WithSummary("Add a service to the province's catalogue");
        group.MapGet("/catalogue", CatalogueAsync).NotCountyData("the province's service catalogue").WithSummary("The service catalogue");
        group.MapPost("/providers", AddProviderAsync).CountyFromRequest("county").WithIdempotency("relief-care-providers")
            .WithSummary("Register a provider under contract with the county: period and prices per catalogue item");
        group.MapGet("/providers", ProvidersAsync).CountyFiltered().WithSummary("The county's providers and their contracts");
        group.MapPost("/support-plans", PlanAsync).CountyFromRequest("county").WithIdempotency("relief-care-support-plans")
            .WithSummary("A recipient's support plan: monthly cash and in-kind help with services from providers (material + service)");
        group.MapGet("/support-plans", PlansAsync).CountyFiltered().WithSummary("Support plans; names and identity numbers masked");
        group.MapPost("/support-plans/{planId:guid}/orders", OrderAsync).RequireCountyOf<RouteHandlerBuilder, ReliefDbContext>("planId", PlanCountyOf)
            .WithIdempotency("relief-care-orders").WithSummary("Order a month's services of a plan (once per month and service; asking again returns the same orders)");
        group.MapGet("/service-orders", OrdersAsync).CountyFiltered().WithSummary("Orders by provider and month with the quantities delivered and confirmed; names masked");
        group.MapPost("/service-orders/{orderId:guid}/deliveries", DeliverAsync).RequireCountyOf<RouteHandlerBuilder, ReliefDbContext>("orderId", OrderCountyOf)
            .WithIdempotency("relief-care-deliveries").WithSummary("Record a delivery: worker, start, minutes, quantity, and how the recipient confirmed it (none: not payable)");
        group.MapPost("/invoices", InvoiceAsync).CountyCheckedByHandler("the provider's county").WithIdempotency("relief-care-invoices")
            .WithSummary("Receive a provider's monthly invoice: reconciled at once against the confirmed deliveries at the contract's prices");
        group.MapGet("/invoices", InvoicesAsync).CountyFiltered().WithSummary("Invoices with their reconciliation");
        group.MapPost("/invoices/{invoiceId:guid}/approval", ApproveAsync).RequireCountyOf<RouteHandlerBuilder, ReliefDbContext>("invoiceId", InvoiceCountyOf)
            .WithIdempotency("relief-care-invoice-approval").WithSummary("Approve the reconciled amount: payments pays the provider (once; 409 when already decided)");
        group.MapPost("/invoices/{invoiceId:guid}/rejection", RejectAsync).RequireCountyOf<RouteHandlerBuilder, ReliefDbContext>("invoiceId", InvoiceCountyOf)
            .WithIdempotency("relief-care-invoice-rejection").WithSummary("Reject an invoice with a reason (409 when already decided)");
        return group;
    }

    private static IQueryable<string> PlanCountyOf(ReliefDbContext db, Guid id) => db.Set<SupportPlan>().Where(p => p.PlanId == id).Select(p => p.County);

    private static IQueryable<string> OrderCountyOf(ReliefDbContext db, Guid id) => db.Set<ServiceOrder>().Where(o => o.OrderId == id).Select(o => o.County);

    private static IQueryable<string> InvoiceCountyOf(ReliefDbContext db, Guid id) => db.Set<ProviderInvoice>().Where(i => i.InvoiceId == id).Select(i => i.County);

    internal static async Task<Results<Created<ServiceItem>, ValidationProblem, ProblemHttpResult>> AddItemAsync(ServiceItemRequest request, ReliefDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var code = errors.Text("code", request.Code, 32);
        if (code is not null && !code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            errors.Add("code", "代码只含小写字母、数字和连字符。", "A code holds lower-case letters, digits and hyphens only.");
        }

        var item = new ServiceItem
        {
            Code = code ?? "", NameZh = errors.Text("nameZh", request.NameZh, 50) ?? "", NameEn = errors.Text("nameEn", request.NameEn, 100) ?? "",
            Unit = errors.Text("unit", request.Unit, 16) ?? "",
        };
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        db.Add(item);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return ApiProblems.Conflict("item_exists", "目录中已有该服务代码。", "The catalogue already has this code.");
        }

        return TypedResults.Created($"{Path}/catalogue", item);
    }

    internal static async Task<Ok<List<ServiceItem>>> CatalogueAsync(ReliefDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<ServiceItem>().AsNoTracking().OrderBy(i => i.Code).ToListAsync(ct));

    internal static async Task<Results<Created<ProviderView>, ValidationProblem, ProblemHttpResult>> AddProviderAsync(
        ProviderRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var county = errors.County("county", request.County);
        var name = errors.Text("name", request.Name, 100);
        var creditCode = errors.CreditCode("creditCode", request.CreditCode);
        var phone = errors.Text("phone", request.Phone, 20);
        if (request.ContractFrom is not { } from || request.ContractTo is not { } to || to < from)
        {
            errors.Add("contractTo", "合同起止日期必填，且止日不早于起日。", "The contract's first and last days are required, the last not before the first.");
        }

        var items = (await db.Set<ServiceItem>().AsNoTracking().Select(i => i.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        if (request.Prices is not { Count: > 0 } prices)
        {
            errors.Add("prices", "至少一项服务价格。", "At least one price.");
        }
        else
        {
            for (var i = 0; i < prices.Count; i++)
            {
                if (!items.Contains(prices[i].ItemCode ?? ""))
                {
                    errors.Add($"prices[{i}].itemCode", "服务目录中没有该代码。", "The catalogue has no such code.");
                }

                errors.Yuan($"prices[{i}].unitPrice", prices[i].UnitPrice, "单价", "A unit price", 100_000);
            }

            if (prices.Select(p => p.ItemCode).Distinct(StringComparer.Ordinal).Count() != prices.Count)
            {
                errors.Add("prices", "每项服务只定一个价格。", "One price per service.");
            }
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        if (Caller.Of(http).Refuses(county) is { } refused)
        {
            return refused;
        }

        var provider = new Provider
        {
            ProviderId = Guid.CreateVersion7(clock.GetUtcNow()), County = county!, Name = name!, CreditCode = creditCode!, Phone = phone!,
            ContractFrom = request.ContractFrom!.Value, ContractTo = request.ContractTo!.Value, Prices = request.Prices!, CreatedAt = clock.GetUtcNow(),
        };
        db.Add(provider);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return ApiProblems.Conflict("provider_exists", "该机构已在本县登记。", "This provider is registered with the county already.");
        }

        return TypedResults.Created($"{Path}/providers", ProviderOf(provider));
    }

    private static ProviderView ProviderOf(Provider p) => new(p.ProviderId, p.County, p.Name, p.CreditCode, p.Phone, p.ContractFrom, p.ContractTo, p.Prices);

    internal static async Task<Ok<List<ProviderView>>> ProvidersAsync(HttpContext http, ReliefDbContext db, CancellationToken ct, string? county = null)
    {
        var query = Caller.Of(http).Visible(db.Set<Provider>().AsNoTracking(), p => p.County);
        if (county is not null) query = query.Where(p => p.County == county);
        return TypedResults.Ok((await query.OrderBy(p => p.Key).ToListAsync(ct)).Select(ProviderOf).ToList());
    }

    internal static async Task<Results<Created<SupportPlanView>, ValidationProblem, ProblemHttpResult>> PlanAsync(
        SupportPlanRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var errors = new ValidationErrors();
        var county = errors.County("county", request.County);
        var township = errors.Township("township", request.Township, county, required: true);
        var idNumber = errors.IdNumber("personIdNumber", request.PersonIdNumber, today);
        var name = errors.PersonName("personName", request.PersonName);
        var inKind = errors.Text("inKind", request.InKind, 500, required: false);
        var monthlyCash = errors.Yuan("monthlyCash", request.MonthlyCash, "每月现金", "The monthly cash", 1_000_000, zeroAllowed: true);

        var services = request.Services ?? [];
        var providerIds = services.Select(s => s.ProviderId).Distinct().ToList();
        var providers = await db.Set<Provider>().AsNoTracking().Where(p => providerIds.Contains(p.ProviderId)).ToDictionaryAsync(p => p.ProviderId, ct);
        for (var i = 0; i < services.Count; i++)
        {
            if (!providers.TryGetValue(services[i].ProviderId, out var provider) || provider.County != county)
            {
                errors.Add($"services[{i}].providerId", "不是本县签约的服务机构。", "Not a provider under contract with this county.");
            }
            else if (provider.PriceOf(services[i].ItemCode ?? "", today) is null && provider.PriceOf(services[i].ItemCode ?? "", provider.ContractFrom) is null)
            {
                errors.Add($"services[{i}].itemCode", "该机构的合同没有这项服务。", "The provider's contract has no price for this service.");
            }

            if (services[i].QuantityPerMonth is <= 0 or > 1000)
            {
                errors.Add($"services[{i}].quantityPerMonth", "每月数量应大于 0、不超过 1000。", "A monthly quantity is above 0 and at most 1000.");
            }
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        if (caller.Refuses(county) is { } refused)
        {
            return refused;
        }

        if (!caller.SeesTownship(township))
        {
            return Caller.TownshipForbidden(township);
        }

        var plan = new SupportPlan
        {
            PlanId = Guid.CreateVersion7(clock.GetUtcNow()), County = county!, Township = township!, PersonIdNumber = idNumber!, PersonName = name!,
            MonthlyCash = monthlyCash!.Value, InKind = inKind, Services = services, CreatedBy = caller.Actor.Name, CreatedAt = clock.GetUtcNow(),
        };
        db.Add(plan);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Path}/support-plans", PlanOf(plan, mask: false));
    }

    private static SupportPlanView PlanOf(SupportPlan p, bool mask) => new(p.PlanId, p.County, p.Township,
        mask ? PersonalData.MaskIdNumber(p.PersonIdNumber) : p.PersonIdNumber, mask ? PersonalData.MaskName(p.PersonName) : p.PersonName,
        p.MonthlyCash, p.InKind, p.Services, p.CreatedBy, p.CreatedAt);

    internal static async Task<Ok<List<SupportPlanView>>> PlansAsync(HttpContext http, ReliefDbContext db, CancellationToken ct, string? county = null)
    {
        var caller = Caller.Of(http);
        var query = caller.Visible(db.Set<SupportPlan>().AsNoTracking(), p => p.County);
        if (caller.Township is { } own) query = query.Where(p => p.Township == own);
        if (county is not null) query = query.Where(p => p.County == county);
        return TypedResults.Ok((await query.OrderBy(p => p.Key).Take(500).ToListAsync(ct)).Select(p => PlanOf(p, mask: true)).ToList());
    }

    internal static async Task<Results<Ok<List<OrderView>>, ValidationProblem, ProblemHttpResult>> OrderAsync(
        Guid planId, OrdersRequest request, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var month = Month(errors, "month", request.Month);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var plan = await db.Set<SupportPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.PlanId == planId, ct);
        if (plan is null)
        {
            return ApiProblems.NotFound("plan_not_found", "未找到该救助帮扶方案。", "No support plan has this id.");
        }

        var providerIds = plan.Services.Select(s => s.ProviderId).ToList();
        var providers = await db.Set<Provider>().AsNoTracking().Where(p => providerIds.Contains(p.ProviderId)).ToDictionaryAsync(p => p.ProviderId, ct);
        var existing = await db.Set<ServiceOrder>().AsNoTracking().Where(o => o.PlanKey == plan.Key && o.Month == month!.Value).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var service in plan.Services)
        {
            if (existing.Any(o => o.ItemCode == service.ItemCode && o.ProviderId == service.ProviderId))
            {
                continue;
            }

            // The price of the contract in force on the month's first day; a month outside the contract is not ordered.
            if (providers[service.ProviderId].PriceOf(service.ItemCode, month!.Value) is not { } price)
            {
                return ApiProblems.Validation(new Dictionary<string, string[]>
                {
                    ["month"] = [$"该月不在 {providers[service.ProviderId].Name} 的合同期内。", $"The month is outside {providers[service.ProviderId].Name}'s contract."],
                });
            }

            db.Add(new ServiceOrder
            {
                OrderId = Guid.CreateVersion7(now), PlanKey = plan.Key, County = plan.County, ProviderId = service.ProviderId, PersonIdNumber = plan.PersonIdNumber,
                PersonName = plan.PersonName, ItemCode = service.ItemCode, UnitPrice = price, Quantity = service.QuantityPerMonth, Month = month.Value, CreatedAt = now,
            });
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Asked twice at once: the other request made the orders; read them below.
            db.ChangeTracker.Clear();
        }

        var orders = await db.Set<ServiceOrder>().AsNoTracking().Where(o => o.PlanKey == plan.Key && o.Month == month!.Value).OrderBy(o => o.Key).ToListAsync(ct);
        return TypedResults.Ok(await OrderViewsAsync(db, orders, mask: false, ct));
    }

    internal static async Task<Results<Ok<List<OrderView>>, ValidationProblem>> OrdersAsync(
        HttpContext http, ReliefDbContext db, CancellationToken ct, string? county = null, Guid? providerId = null, string? month = null)
    {
        var errors = new ValidationErrors();
        var first = month is null ? null : Month(errors, "month", month);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var query = Caller.Of(http).Visible(db.Set<ServiceOrder>().AsNoTracking(), o => o.County);
        if (county is not null) query = query.Where(o => o.County == county);
        if (providerId is not null) query = query.Where(o => o.ProviderId == providerId);
        if (first is not null) query = query.Where(o => o.Month == first);
        return TypedResults.Ok(await OrderViewsAsync(db, await query.OrderBy(o => o.Key).Take(1000).ToListAsync(ct), mask: true, ct));
    }

    private static async Task<List<OrderView>> OrderViewsAsync(ReliefDbContext db, List<ServiceOrder> orders, bool mask, CancellationToken ct)
    {
        var keys = orders.Select(o => o.Key).ToList();
        var delivered = (await db.Set<ServiceDelivery>().AsNoTracking().Where(d => keys.Contains(d.OrderKey))
                .GroupBy(d => d.OrderKey)
                .Select(g => new { g.Key, All = g.Sum(d => d.Quantity), Confirmed = g.Where(d => d.ConfirmedBy != null).Sum(d => d.Quantity) })
                .ToListAsync(ct))
            .ToDictionary(d => d.Key);
        return [.. orders.Select(o => new OrderView(o.OrderId, o.ProviderId, o.County, mask ? PersonalData.MaskIdNumber(o.PersonIdNumber) : o.PersonIdNumber,
            mask ? PersonalData.MaskName(o.PersonName) : o.PersonName, o.ItemCode, o.UnitPrice, o.Quantity, o.Month,
            delivered.GetValueOrDefault(o.Key)?.All ?? 0, delivered.GetValueOrDefault(o.Key)?.Confirmed ?? 0))];
    }

    internal static async Task<Results<Created<DeliveryView>, ValidationProblem, ProblemHttpResult>> DeliverAsync(
        Guid orderId, DeliveryRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var worker = errors.PersonName("worker", request.Worker);
        var now = clock.GetUtcNow();
        if (request.StartedAt is not { } started || started > now.AddMinutes(5))
        {
            errors.Add("startedAt", "服务开始时间必填，且不晚于现在。", "When the service started is required, and not in the future.");
        }

        if (request.Minutes is not (> 0 and <= 24 * 60))
        {
            errors.Add("minutes", "服务时长（分钟）应在 1 到 1440 之间。", "The minutes are between 1 and 1440.");
        }

        if (request.Quantity is not > 0 or > 1000)
        {
            errors.Add("quantity", "数量应大于 0、不超过 1000。", "The quantity is above 0 and at most 1000.");
        }

        if (request.ConfirmedBy is { } confirmation && !Confirmations.Contains(confirmation))
        {
            errors.Add("confirmedBy", $"确认方式：{string.Join("、", Confirmations)}；未确认不填。", $"One of {string.Join(", ", Confirmations)}; leave it out when the recipient did not confirm.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var order = await db.Set<ServiceOrder>().AsNoTracking().FirstOrDefaultAsync(o => o.OrderId == orderId, ct);
        if (order is null)
        {
            return ApiProblems.NotFound("order_not_found", "未找到该服务订单。", "No service order has this id.");
        }

        if (ChinaTime.DateOf(request.StartedAt!.Value) is var day && (day.Year != order.Month.Year || day.Month != order.Month.Month))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["startedAt"] = ["服务时间不在订单所属月份。", "The service falls outside the order's month."] });
        }

        var delivery = new ServiceDelivery
        {
            DeliveryId = Guid.CreateVersion7(now), OrderKey = order.Key, Worker = worker!, StartedAt = request.StartedAt!.Value, Minutes = request.Minutes!.Value,
            Quantity = request.Quantity!.Value, ConfirmedBy = request.ConfirmedBy, RecordedBy = Caller.Of(http).Actor.Name, RecordedAt = now,
        };
        db.Add(delivery);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Path}/service-orders?providerId={order.ProviderId}",
            new DeliveryView(delivery.DeliveryId, order.OrderId, delivery.Worker, delivery.StartedAt, delivery.Minutes, delivery.Quantity, delivery.ConfirmedBy, delivery.RecordedBy));
    }

    internal static async Task<Results<Created<InvoiceView>, ValidationProblem, ProblemHttpResult>> InvoiceAsync(
        InvoiceRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var number = errors.Text("number", request.Number, 50);
        var month = Month(errors, "month", request.Month);
        if (request.Lines is not { Count: > 0 and <= 1000 } lines)
        {
            errors.Add("lines", "发票至少一行、不超过 1000 行。", "An invoice has 1 to 1000 lines.");
        }
        else
        {
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i].Quantity is <= 0 or > 1000)
                {
                    errors.Add($"lines[{i}].quantity", "数量应大于 0、不超过 1000。", "A quantity is above 0 and at most 1000.");
                }

                errors.Yuan($"lines[{i}].amount", lines[i].Amount, "金额", "An amount", 1_000_000);
            }
        }

        var provider = request.ProviderId is { } id ? await db.Set<Provider>().AsNoTracking().FirstOrDefaultAsync(p => p.ProviderId == id, ct) : null;
        if (provider is null)
        {
            errors.Add("providerId", "未找到该服务机构。", "No provider has this id.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        if (caller.Refuses(provider!.County) is { } refused)
        {
            return refused;
        }

        var orderIds = request.Lines!.Select(l => l.OrderId).Distinct().ToList();
        var orders = await db.Set<ServiceOrder>().AsNoTracking().Where(o => orderIds.Contains(o.OrderId)).ToListAsync(ct);
        var confirmed = await OrderViewsAsync(db, orders, mask: true, ct);
        var delivered = confirmed.ToDictionary(o => o.OrderId, o => new OrderDelivered(o.OrderId, o.ProviderId, o.Month, o.UnitPrice, o.ConfirmedQuantity));
        var reconciliation = InvoiceReconciliation.Reconcile(provider.ProviderId, month!.Value, request.Lines!, delivered);
        var now = clock.GetUtcNow();
        var invoice = new ProviderInvoice
        {
            InvoiceId = Guid.CreateVersion7(now), ProviderId = provider.ProviderId, County = provider.County, Number = number!, Month = month.Value, Lines = request.Lines!,
            Billed = request.Lines!.Sum(l => l.Amount), Reconciliation = [.. reconciliation], Payable = reconciliation.Sum(l => l.Payable),
            Status = InvoiceStatus.Reconciled, ReceivedBy = caller.Actor.Name, ReceivedAt = now,
        };
        db.Add(invoice);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return ApiProblems.Conflict("invoice_exists", "该机构的这张发票已录入。", "This invoice of the provider was entered already.");
        }

        return TypedResults.Created($"{Path}/invoices?providerId={provider.ProviderId}", InvoiceView.From(invoice));
    }

    internal static async Task<Ok<List<InvoiceView>>> InvoicesAsync(HttpContext http, ReliefDbContext db, CancellationToken ct, string? county = null, Guid? providerId = null)
    {
        var query = Caller.Of(http).Visible(db.Set<ProviderInvoice>().AsNoTracking(), i => i.County);
        if (county is not null) query = query.Where(i => i.County == county);
        if (providerId is not null) query = query.Where(i => i.ProviderId == providerId);
        return TypedResults.Ok((await query.OrderByDescending(i => i.Key).Take(500).ToListAsync(ct)).Select(InvoiceView.From).ToList());
    }

    internal static Task<Results<Ok<InvoiceView>, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        Guid invoiceId, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct) =>
        DecideAsync(invoiceId, InvoiceStatus.Approved, null, http, db, clock, ct);

    internal static async Task<Results<Ok<InvoiceView>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        Guid invoiceId, InvoiceDecisionRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var reason = errors.Text("reason", request.Reason, 1000);
        return errors.IsEmpty ? await DecideAsync(invoiceId, InvoiceStatus.Rejected, reason, http, db, clock, ct) : ApiProblems.Validation(errors.ToDictionary());
    }

    /// <summary>Approves (and asks payments to pay, through the outbox, in the same transaction) or rejects a reconciled invoice, once.</summary>
    private static async Task<Results<Ok<InvoiceView>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid invoiceId, InvoiceStatus decision, string? reason, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var invoice = await db.Set<ProviderInvoice>().FirstOrDefaultAsync(i => i.InvoiceId == invoiceId, ct);
        if (invoice is null)
        {
            return ApiProblems.NotFound("invoice_not_found", "未找到该发票。", "No invoice has this id.");
        }

        if (invoice.Status != InvoiceStatus.Reconciled)
        {
            return AlreadyDecided();
        }

        if (decision == InvoiceStatus.Approved && invoice.Payable <= 0)
        {
            return ApiProblems.Unprocessable("nothing_payable", "核对后无可支付金额，请退回机构。", "Nothing is payable after reconciliation; reject it back to the provider.");
        }

        var now = clock.GetUtcNow();
        invoice.Status = decision;
        invoice.DecidedBy = Caller.Of(http).Actor.Name;
        invoice.DecidedAt = now;
        invoice.Reason = reason;
        if (decision == InvoiceStatus.Approved)
        {
            var provider = await db.Set<Provider>().AsNoTracking().FirstAsync(p => p.ProviderId == invoice.ProviderId, ct);
            db.AddToOutbox(new ProviderInvoiceApproved(invoice.InvoiceId, invoice.PaymentReference, provider.CreditCode, provider.Name, invoice.County,
                invoice.Payable, invoice.Month, now));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AlreadyDecided();
        }

        return TypedResults.Ok(InvoiceView.From(invoice));
    }

    private static ProblemHttpResult AlreadyDecided() => ApiProblems.Conflict("invoice_decided", "该发票已审核。", "This invoice has been decided already.");

    /// <summary>A month as <c>yyyy-MM</c>, as its first day.</summary>
    private static DateOnly? Month(ValidationErrors errors, string field, string? value)
    {
        if (DateOnly.TryParseExact($"{value}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) && first.Year is >= 2020 and <= 2100)
        {
            return first;
        }

        errors.Add(field, "月份格式为 yyyy-MM。", "A month is written yyyy-MM.");
        return null;
    }
}
