using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ReliefPlatform.ServiceDefaults.Data;

public static class ChangeTrackerExtensions
{
    /// <summary>
    /// The tracked entries as they stand, without detecting changes again: <c>Entries()</c> detects every change of every
    /// tracked row (comparing documents by their JSON), and the interceptors of one save each asked it (issue 22: four
    /// detections a save). For a caller that has just detected, or that looks for rows Added from the moment they are tracked.
    /// </summary>
    public static List<EntityEntry> EntriesAsTracked(this ChangeTracker tracker, Func<EntityEntry, bool> which)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        var detects = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. tracker.Entries().Where(which)];
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detects;
        }
    }
}
