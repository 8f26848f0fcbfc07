using System.Globalization;

namespace ClientPortal.Domain.Settings;

/// <summary>
/// The portal's time zone (an IANA id such as <c>Europe/Berlin</c>) and how times read in it: every time shown to
/// the team and to learners, and in emails, is written here ("Mon 14 Dec, 9:15").
/// </summary>
public sealed class PortalTime
{
    public const string DefaultZone = "UTC";

    public static readonly PortalTime Utc = new(TimeZoneInfo.Utc, DefaultZone);

    private PortalTime(TimeZoneInfo zone, string id) => (Zone, Id) = (zone, id);

    public TimeZoneInfo Zone { get; }

    /// <summary>As stored: <c>UTC</c>, <c>Europe/Berlin</c>…</summary>
    public string Id { get; }

    /// <summary>The zone for a stored id; an id this machine does not know reads as UTC.</summary>
    public static PortalTime Of(string? id) => TryFind(id, out var time) ? time : Utc;

    public static bool TryFind(string? id, out PortalTime time)
    {
        time = Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Trim() == DefaultZone) return !string.IsNullOrWhiteSpace(id);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone)) return false;
        time = new PortalTime(zone, id.Trim());
        return true;
    }

    /// <summary>The ids to choose from: UTC and every IANA zone this machine knows, by name.</summary>
    public static IReadOnlyList<string> Choices() => TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.HasIanaId ? z.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : null)
        .OfType<string>().Where(id => id.Contains('/') && !id.StartsWith("Etc/", StringComparison.Ordinal))
        .Append(DefaultZone).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The portal's wall-clock time of a UTC instant.</summary>
    public DateTime Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>"Mon 14 Dec, 9:15" (the year added when it is not this year's).</summary>
    public string Short(DateTime utc, DateTime nowUtc)
    {
        var local = Local(utc);
        var format = local.Year == Local(nowUtc).Year ? "ddd d MMM, H:mm" : "ddd d MMM yyyy, H:mm";
        return local.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>"Mon 14 Dec 2026, 9:15 (Berlin time)": for emails and hover text, read away from the portal.</summary>
    public string Exact(DateTime utc) =>
        $"{Local(utc).ToString("ddd d MMM yyyy, H:mm", CultureInfo.InvariantCulture)} ({Name})";

    /// <summary>"14 Dec 2026": a day, in the portal's zone.</summary>
    public string Date(DateTime utc) => Local(utc).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A length of time in the largest units that say it exactly: "15 minutes", "6 hours", "1 day 12 hours"
    /// (rounded to the minute).</summary>
    public static string Duration(TimeSpan span)
    {
        span = TimeSpan.FromMinutes(Math.Round(span.TotalMinutes));
        var parts = new List<string>();
        if (span.Days > 0) parts.Add(Plural.Of(span.Days, "day"));
        if (span.Hours > 0) parts.Add(Plural.Of(span.Hours, "hour"));
        if (span.Minutes > 0 || parts.Count == 0) parts.Add(Plural.Of(span.Minutes, "minute"));
        return string.Join(" ", parts);
    }

    /// <summary>What the zone is called in a sentence: "Berlin time", "UTC".</summary>
    public string Name => Id == DefaultZone ? "UTC" : $"{Id[(Id.LastIndexOf('/') + 1)..].Replace('_', ' ')} time";
}
