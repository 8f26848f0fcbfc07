using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClientPortal.App.Hosting;

/// <summary>/healthz as plain text: the overall status, then one line per check with its reason when it is not
/// healthy.</summary>
public static class HealthReportText
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Select(e =>
            $"{e.Key}: {e.Value.Status}{(e.Value.Status == HealthStatus.Healthy ? "" : $" ({e.Value.Description})")}");
        return context.Response.WriteAsync(string.Join('\n', lines.Prepend(report.Status.ToString())) + "\n");
    }
}
