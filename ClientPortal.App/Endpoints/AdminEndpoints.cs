using System.Text;
using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Authorization;

namespace ClientPortal.App.Endpoints;

public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").RequireAuthorization(new AuthorizeAttribute { Roles = Roles.AnyTeam });

        // CSV export of the grid's current filter, streamed so a million rows never sit in memory.
        admin.MapGet("/contacts/export", async (HttpContext http, ContactDirectory contacts,
            string? search, string? status, string? tag, string? offer, string? sort, string? desc) =>
        {
            var query = ContactQueryString.Parse(search, status, tag, offer, sort, desc);
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; " +
                $"filename=\"contacts-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
            await using var writer = new StreamWriter(http.Response.Body,
                new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await writer.WriteLineAsync("email,first_name,last_name,status,tags,created_at,last_access_at");
            await foreach (var row in contacts.StreamAsync(query, http.RequestAborted))
            {
                await writer.WriteLineAsync(string.Join(",",
                    CsvCell.Of(row.Email), CsvCell.Of(row.FirstName), CsvCell.Of(row.LastName), row.Status.ToString(),
                    CsvCell.Of(string.Join(';', row.Tags)), row.CreatedAt.ToString("u"), row.LastAccessAt?.ToString("u")
                        ?? ""));
            }
        });
        return app;
    }
}

/// <summary>
/// One CSV cell: cleaned by the portal's text rule (what an older version stored may hold control or bidi characters),
/// quoted when needed, and defused against spreadsheet formula injection. Our own rather than CsvHelper's
/// writer, whose injection characters must be ASCII: spreadsheets also read the full-width ＝ ＋ － ＠ as formula starts.
/// </summary>
public static class CsvCell
{
    /// <summary>What a spreadsheet may take as the start of a formula (or, for '|', a DDE call).</summary>
    private const string FormulaStarts = "=+-@\t\r|＝＋－＠";

    public static string Of(string? value)
    {
        value = ClientPortal.Domain.Text.SingleLine(value);
        if (value.Length == 0) return "";
        if (FormulaStarts.Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
