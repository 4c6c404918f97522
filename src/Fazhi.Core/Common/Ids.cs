namespace Fazhi.Core.Common;

/// <summary>New identifiers: time-ordered GUIDs, so inserts append to indexes on both providers.</summary>
public static class Ids
{
    /// <summary>A new version-7 GUID.</summary>
    public static Guid New() => Guid.CreateVersion7();
}
