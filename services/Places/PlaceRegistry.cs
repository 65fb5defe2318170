using System.Collections.Frozen;
using System.Globalization;
using nietras.SeparatedValues;

namespace ReliefPlatform.Places;

/// <summary>
/// The one place that answers "what kind of unit is this", "which county is this township in", "is X
/// inside Y" and "is this a region code at all". Built from CSV files of one format
/// (<c>code,name,level,parent,valid_from,valid_to</c>): the shipped ones (every province, city and
/// county of China in every GB/T 2260 revision since the late 1990s; Shangrao's townships and villages)
/// and any a province imports (its other cities' townships and villages, a new revision). A later file's
/// row replaces an earlier one of the same code. Read-only once built: every lookup is a dictionary read.
/// </summary>
public sealed class PlaceRegistry
{
    /// <summary>The province whose counties the platform serves unless configured otherwise: Jiangxi.</summary>
    public const string DefaultProvince = "360000";

    private static readonly string[] ShippedFiles = ["divisions.csv", "units-3611.csv"];
    private static readonly Lazy<PlaceRegistry> ShippedRegistry = new(() => Build(DefaultProvince, []));
    private static PlaceRegistry? _configured;

    private readonly FrozenDictionary<string, Place> _places;
    private readonly FrozenDictionary<string, Place[]> _children;

    private PlaceRegistry(string province, Dictionary<string, Place> places)
    {
        Province = province;
        _places = places.ToFrozenDictionary(StringComparer.Ordinal);
        _children = places.Values.Where(p => p.Parent is not null).GroupBy(p => p.Parent!, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(p => p.Code, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        ServedCounties = [.. places.Values.Where(p => p.Level == UnitLevel.County && p.IsCurrent && IsInside(p.Code, province)).OrderBy(p => p.Code, StringComparer.Ordinal)];
    }

    /// <summary>The registry of this process: the shipped files, plus the imports and province configured at start.</summary>
    public static PlaceRegistry Current => _configured ?? ShippedRegistry.Value;

    /// <summary>Builds this process's registry once at start (<c>Places:Province</c>, <c>Places:Import</c>).</summary>
    public static void Configure(string? province, IReadOnlyList<string> importFiles)
    {
        ArgumentNullException.ThrowIfNull(importFiles);
        _configured = Build(string.IsNullOrWhiteSpace(province) ? DefaultProvince : province, importFiles);
    }

    /// <summary>The platform's province (6-digit code).</summary>
    public string Province { get; }

    /// <summary>The counties in force inside the platform's province: those that take applications and pay.</summary>
    public IReadOnlyList<Place> ServedCounties { get; }

    public int Count => _places.Count;

    public Place? Find(string? code) => code is null ? null : _places.GetValueOrDefault(code);

    public UnitLevel? LevelOf(string? code) => Find(code)?.Level;

    public IReadOnlyList<Place> ChildrenOf(string code) => _children.GetValueOrDefault(code) ?? [];

    /// <summary>The place and its ancestors, nearest first.</summary>
    public IEnumerable<Place> Lineage(string? code)
    {
        for (var place = Find(code); place is not null; place = Find(place.Parent))
        {
            yield return place;
        }
    }

    /// <summary>Whether <paramref name="code"/> is <paramref name="ancestor"/> or lies inside it (any revision of either).</summary>
    public bool IsInside(string? code, string? ancestor) =>
        ancestor is not null && Lineage(code).Any(p => p.Code == ancestor);

    /// <summary>The county a unit is in (itself for a county), or null for a province, a city or an unknown code.</summary>
    public string? CountyOf(string? code) => Lineage(code).FirstOrDefault(p => p.Level == UnitLevel.County)?.Code;

    /// <summary>
    /// Whether a 6-digit code is the region of an identity number: a province, city or county code of
    /// any revision, since a number keeps the code under which it was issued.
    /// </summary>
    public bool IsIdNumberRegion(string? code) => Find(code) is { Level: UnitLevel.Province or UnitLevel.City or UnitLevel.County };

    /// <summary>A county in force anywhere in China: where a household registration (hukou) may be (R4, R8: no hukou restriction).</summary>
    public bool IsCurrentCounty(string? code) => Find(code) is { Level: UnitLevel.County, IsCurrent: true };

    /// <summary>A county in force in the platform's province: one whose civil-affairs bureau takes applications and pays.</summary>
    public bool IsServedCounty(string? code) => IsCurrentCounty(code) && IsInside(code, Province);

    /// <summary>A unit in force in the platform's province at any level (the province itself included): where a person may hold a role.</summary>
    public bool IsServedUnit(string? code) => Find(code) is { IsCurrent: true } && IsInside(code, Province);

    /// <summary>
    /// The part of a code that every unit inside it shares: 36 for a province (360000), 3611 for a
    /// city (361100), the whole code below (361102, 361102001...). Lets a query select "this unit and
    /// everything inside it" with a prefix.
    /// </summary>
    public static string SignificantPrefix(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length != 6 ? code : code.EndsWith("0000", StringComparison.Ordinal) ? code[..2] : code.EndsWith("00", StringComparison.Ordinal) ? code[..4] : code;
    }

    public string NameOf(string? code) => Find(code)?.Name ?? code ?? "";

    /// <summary>The full name, province first (江西省上饶市信州区), for documents and notices.</summary>
    public string FullNameOf(string? code) =>
        string.Concat(Lineage(code).Reverse().Where(p => p.Name != "市辖区").Select(p => p.Name));

    private static PlaceRegistry Build(string province, IReadOnlyList<string> importFiles)
    {
        var places = new Dictionary<string, Place>(StringComparer.Ordinal);
        var assembly = typeof(PlaceRegistry).Assembly;
        foreach (var file in ShippedFiles)
        {
            using var stream = assembly.GetManifestResourceStream($"places/{file}")
                ?? throw new InvalidOperationException($"The shipped place file {file} is missing from the assembly.");
            Read(stream, file, places);
        }

        foreach (var file in importFiles)
        {
            using var stream = File.OpenRead(file);
            Read(stream, file, places);
        }

        var orphans = places.Values.Where(p => p.Parent is not null && !places.ContainsKey(p.Parent)).Take(5).Select(p => $"{p.Code} (parent {p.Parent})").ToList();
        if (orphans.Count > 0)
        {
            throw new InvalidDataException($"Places whose parent is in no file: {string.Join(", ", orphans)}.");
        }

        if (!places.TryGetValue(province, out var provincePlace) || provincePlace.Level != UnitLevel.Province)
        {
            throw new InvalidDataException($"Places:Province {province} is not a province code.");
        }

        return new PlaceRegistry(province, places);
    }

    /// <summary>Reads one file of the shared format into <paramref name="places"/>, refusing a malformed row with its line number.</summary>
    public static void Read(Stream stream, string source, Dictionary<string, Place> places)
    {
        ArgumentNullException.ThrowIfNull(places);
        using var reader = Sep.Reader(options => options with { Unescape = true }).From(stream);
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            var code = row["code"].ToString().Trim();
            var level = row["level"].ToString().Trim() switch
            {
                "province" => UnitLevel.Province,
                "city" => UnitLevel.City,
                "county" => UnitLevel.County,
                "township" => UnitLevel.Township,
                "village" => UnitLevel.Village,
                var other => throw new InvalidDataException($"{source} line {line}: unknown level '{other}'."),
            };
            var length = level switch { UnitLevel.Township => 9, UnitLevel.Village => 12, _ => 6 };
            if (code.Length != length || !code.All(char.IsAsciiDigit))
            {
                throw new InvalidDataException($"{source} line {line}: a {level} code has {length} digits, not '{code}'.");
            }

            var parent = row["parent"].ToString().Trim();
            if (level != UnitLevel.Province && parent.Length == 0)
            {
                throw new InvalidDataException($"{source} line {line}: {code} has no parent.");
            }

            places[code] = new Place(code, row["name"].ToString().Trim(), level, parent.Length == 0 ? null : parent,
                Date(row["valid_from"].ToString(), source, line), Date(row["valid_to"].ToString(), source, line));
        }
    }

    private static DateOnly? Date(string text, string source, int line)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        // A revision is named by its month (2002-12) or its day (2023-06-30).
        string[] formats = ["yyyy-MM", "yyyy-MM-dd"];
        return DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidDataException($"{source} line {line}: '{text}' is not a date (yyyy-MM or yyyy-MM-dd).");
    }
}
