namespace ReliefPlatform.ServiceDefaults.Http;

/// <summary>One page of a list, with the total the filters match.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class PagingExtensions
{
    /// <summary>
    /// The rows of one page. Call it after <see cref="ValidationErrors.Paging"/> has accepted the page:
    /// its bounds keep the offset far inside an int (a page of 2,147,483,647 overflowed into a 500).
    /// </summary>
    public static IQueryable<T> Page<T>(this IQueryable<T> query, int page, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(page, ValidationErrors.MaxPage);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, ValidationErrors.MaxPageSize);
        return query.Skip((page - 1) * pageSize).Take(pageSize);
    }
}
