using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace ReliefPlatform.ServiceDefaults.Http;

/// <summary>
/// A request that changed a row somebody else changed since it was read (its <c>xmin</c> moved, see
/// <c>RowVersion</c>) is refused with 409 and nothing of it is stored: the caller reads again and
/// decides on what is there now, instead of the platform keeping whichever write came last.
/// </summary>
public sealed class ConcurrencyConflictHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not DbUpdateConcurrencyException)
        {
            return false;
        }

        await ApiProblems.Conflict("concurrent_update",
                "该记录刚被其他操作修改，本次操作未保存；请重新读取后再试。",
                "The record was changed by another operation meanwhile; nothing was saved. Read it again and retry.")
            .ExecuteAsync(httpContext);
        return true;
    }
}
