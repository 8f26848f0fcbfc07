using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain.Entities;

namespace ClientPortal.App.Endpoints;

/// <summary>The contacts grid's filter as a query string (dashboard links, export), parsed in one place.</summary>
public static class ContactQueryString
{
    public static string Build(ContactQuery q)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(q.Search)) parts.Add($"search={Uri.EscapeDataString(q.Search)}");
        if (q.Status is { } s) parts.Add($"status={s}");
        if (!string.IsNullOrWhiteSpace(q.Tag)) parts.Add($"tag={Uri.EscapeDataString(q.Tag)}");
        if (q.OfferId is { } o) parts.Add($"offer={o}");
        parts.Add($"sort={q.Sort}");
        parts.Add($"desc={q.Descending.ToString().ToLowerInvariant()}");
        return string.Join("&", parts);
    }

    public static ContactQuery Parse(string? search, string? status, string? tag, string? offer, string? sort = null,
        string? desc = null) =>
        new(Search: string.IsNullOrWhiteSpace(search) ? null : search,
            Status: Enum.TryParse<PortalStatus>(status, true, out var st) ? st : null,
            Tag: string.IsNullOrWhiteSpace(tag) ? null : tag,
            OfferId: long.TryParse(offer, out var o) ? o : null,
            Sort: Enum.TryParse<ContactSort>(sort, true, out var so) ? so : ContactSort.Created,
            Descending: desc is null || !bool.TryParse(desc, out var d) || d);
}
