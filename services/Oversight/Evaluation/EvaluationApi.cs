using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniExcelLibs;
using nietras.SeparatedValues;
using ReliefPlatform.Oversight.Data;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Oversight.Evaluation;

public sealed record PopulationRequest(string? County, int? Year, long? Population);

public sealed record PopulationView(string County, int Year, long Population, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>R21: each county's figures per month, as JSON or exported as CSV and XLSX, with a weighted score; and the population they are set against.</summary>
public static class EvaluationApi
{
    /// <summary>At most three years in one request.</summary>
    public const int MaxMonths = 36;

    public static void MapEvaluationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/oversight").WithTags("Evaluation figures (R21)");
        group.MapGet("/figures", FiguresAsync).CountyFiltered()
            .WithSummary("Each county's figures per month (from, to: yyyy-MM; this month without them): applications by channel, decisions and days to decision, recipients, amounts paid by scheme, coverage, on-time payments, leads, complaints, flags, the weighted score");
        // A file, not a JSON list: the county filter (the caller's counties, 403 for another's) is applied by the handler.
        group.MapGet("/figures/export", ExportAsync).CountyCheckedByHandler("the caller's counties; another county named is 403")
            .WithSummary("The same figures as a file: format=csv (UTF-8, a header line) or xlsx");
        group.MapPost("/populations", RecordPopulationAsync).ProvinceWide().WithIdempotency("oversight-populations")
            .WithSummary("Record a county's resident population for a year (statistics bureau data; the base of coverage per 1,000)");
        group.MapGet("/populations", PopulationsAsync).CountyFiltered().WithSummary("The populations recorded, per county and year");
    }

    internal static async Task<Results<Ok<List<CountyMonthFigures>>, ValidationProblem, ProblemHttpResult>> FiguresAsync(HttpContext http, EvaluationFigures figures,
        IOptions<OversightOptions> options, TimeProvider clock, CancellationToken ct, string? from = null, string? to = null, string? county = null)
    {
        var query = await QueryAsync(http, figures, options.Value, clock, from, to, county, ct);
        return query.Rows is { } rows ? TypedResults.Ok(rows) : query.Invalid is { } invalid ? invalid : query.Refused!;
    }

    internal static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ExportAsync(HttpContext http, EvaluationFigures figures,
        IOptions<OversightOptions> options, TimeProvider clock, CancellationToken ct, string? from = null, string? to = null, string? county = null, string? format = null)
    {
        format ??= "csv";
        if (format is not ("csv" or "xlsx"))
        {
            return ApiProblems.Validation("format", "导出格式为 csv 或 xlsx。", "The format is csv or xlsx.");
        }

        var query = await QueryAsync(http, figures, options.Value, clock, from, to, county, ct);
        if (query.Rows is not { } rows)
        {
            return query.Invalid is { } invalid ? invalid : query.Refused!;
        }

        var name = $"figures-{rows.Select(r => r.Month).DefaultIfEmpty().Min():yyyy-MM}-{rows.Select(r => r.Month).DefaultIfEmpty().Max():yyyy-MM}{(county is null ? "" : $"-{county}")}";
        return format == "csv"
            ? TypedResults.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(Csv(rows))).ToArray(), "text/csv; charset=utf-8", $"{name}.csv")
            : TypedResults.File(Xlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{name}.xlsx");
    }

    /// <summary>CSV written with Sep (a county name with a comma is quoted); a BOM in front so that spreadsheet programs read the Chinese right.</summary>
    public static string Csv(IReadOnlyList<CountyMonthFigures> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var csv = Sep.New(',').Writer(o => o with { Escape = true, CultureInfo = CultureInfo.InvariantCulture }).To(text))
        {
            foreach (var figures in rows)
            {
                using var row = csv.NewRow();
                foreach (var (column, value) in EvaluationTable.Row(figures))
                {
                    row[column].Set(value switch
                    {
                        null => "",
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        var v => v.ToString() ?? "",
                    });
                }
            }
        }

        return text.ToString();
    }

    public static byte[] Xlsx(IReadOnlyList<CountyMonthFigures> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var stream = new MemoryStream();
        var sheet = rows.Select(f => (IDictionary<string, object?>)EvaluationTable.Row(f).ToDictionary(c => c.Key, c => c.Value)).ToList();
        stream.SaveAs(sheet, sheetName: "figures");
        return stream.ToArray();
    }

    private sealed record FiguresQuery(List<CountyMonthFigures>? Rows, ValidationProblem? Invalid = null, ProblemHttpResult? Refused = null);

    private static async Task<FiguresQuery> QueryAsync(HttpContext http, EvaluationFigures figures, OversightOptions options, TimeProvider clock,
        string? from, string? to, string? county, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        // Without months: this month so far (China time).
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var toMonth = to is null ? thisMonth : Month(errors, "to", to);
        var fromMonth = from is null ? toMonth : Month(errors, "from", from);
        var code = errors.County("county", county, required: false);
        if (fromMonth is { } f && toMonth is { } t && (t < f || t > f.AddMonths(MaxMonths - 1)))
        {
            errors.Add("to", $"截止月份不早于起始月份，且一次最多 {MaxMonths} 个月。", $"'to' is not before 'from', and one request covers at most {MaxMonths} months.");
        }

        if (!errors.IsEmpty)
        {
            return new(null, Invalid: ApiProblems.Validation(errors.ToDictionary()));
        }

        var caller = Caller.Of(http);
        if (caller.Refuses(code) is { } refused)
        {
            return new(null, Refused: refused);
        }

        var counties = code is not null ? [code] : caller.AllCounties ? null : caller.Counties;
        var now = clock.GetUtcNow();
        var rows = await figures.ComputeAsync(fromMonth!.Value, toMonth!.Value, counties, options.DecisionTargetOn(toMonth.Value), options.ScoreWeights, now, ct);
        return new(rows);
    }

    private static DateOnly? Month(ValidationErrors errors, string field, string? value)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year >= 2000)
        {
            return month;
        }

        errors.Add(field, "月份格式为 yyyy-MM（如 2026-11）。", "A month as yyyy-MM (e.g. 2026-11).");
        return null;
    }

    internal static async Task<Results<Created<PopulationView>, ValidationProblem>> RecordPopulationAsync(PopulationRequest request, HttpContext http, OversightDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var county = errors.County("county", request.County);
        var now = clock.GetUtcNow();
        if (request.Year is not { } year || year < 2000 || year > ChinaTime.DateOf(now).Year)
        {
            errors.Add("year", "年份为 2000 年至今。", "A year from 2000 to this year.");
        }

        if (request.Population is not ( > 0 and < 100_000_000))
        {
            errors.Add("population", "常住人口为正整数。", "The resident population is a positive whole number.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var by = Caller.Of(http).Actor.ToString();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO county_populations (county, year, population, recorded_by, recorded_at) VALUES ({county}, {request.Year}, {request.Population}, {by}, {now})
            ON CONFLICT (county, year) DO UPDATE SET population = excluded.population, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
            """, ct);
        return TypedResults.Created($"/api/oversight/populations?county={county}", new PopulationView(county!, request.Year!.Value, request.Population!.Value, by, now));
    }

    internal static async Task<Results<Ok<List<PopulationView>>, ProblemHttpResult>> PopulationsAsync(HttpContext http, OversightDbContext db, CancellationToken ct, string? county = null)
    {
        var caller = Caller.Of(http);
        if (caller.Refuses(county) is { } refused)
        {
            return refused;
        }

        var rows = await caller.Visible(db.Populations.AsNoTracking(), p => p.County).Where(p => county == null || p.County == county)
            .OrderBy(p => p.County).ThenBy(p => p.Year).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(p => new PopulationView(p.County, p.Year, p.Population, p.RecordedBy, p.RecordedAt)).ToList());
    }
}
