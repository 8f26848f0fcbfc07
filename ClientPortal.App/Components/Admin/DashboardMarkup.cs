using ClientPortal.App.Components.Shared;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using ClientPortal.Domain.Dashboard;
using Microsoft.AspNetCore.Components;

namespace ClientPortal.App.Components.Admin;

/// <summary>
/// The dashboard's funnel and feed as HTML built once per snapshot and shared by every open dashboard. As Razor markup
/// they were ~200 render-tree frames that each circuit keeps twice (the current and the previous tree) for as long as it
/// is open; as two markup frames they cost a circuit a few references. A new event rewrites the feed anyway (every item
/// moves down). The 30 daily bars stay Razor: one login changes one bar, and replacing all thirty in a hundred tabs at
/// once doubled the p95 of a live update. Every value from data is HTML-encoded here.
/// </summary>
public static class DashboardMarkup
{
    public sealed record Parts(MarkupString Funnel, int Peak, MarkupString Feed);

    private static readonly ConditionalWeakTable<DashboardData, Parts> Built = new();
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static Parts For(DashboardData data) =>
        Built.GetValue(data, d => new Parts(Funnel(d.Funnel), Math.Max(1, d.LoginsPerDay.Count == 0 ? 0 : d.LoginsPerDay.Max(x => x.Count)), Feed(d.Feed)));

    private static MarkupString Funnel(IReadOnlyList<FunnelStage> funnel)
    {
        var html = new StringBuilder();
        var invited = funnel.Count == 0 ? 0 : funnel[0].Count;
        for (var i = 0; i < funnel.Count; i++)
        {
            var stage = funnel[i];
            var width = invited == 0 ? 0 : Math.Min(100, 100.0 * stage.Count / invited);
            var share = i > 0 && invited > 0 ? $" · {(100.0 * stage.Count / invited).ToString("F0", CultureInfo.InvariantCulture)}%" : "";
            html.Append($"""<li><span class="cp-funnel-name">{Html.Encode(stage.Name)}</span><span class="cp-funnel-bar"><span style="width: {width.ToString("F0", CultureInfo.InvariantCulture)}%"></span></span><span class="cp-funnel-count">{stage.Count}{share}</span></li>""");
        }
        return new MarkupString(html.ToString());
    }

    private static MarkupString Feed(IReadOnlyList<FeedItem> feed)
    {
        var html = new StringBuilder();
        foreach (var item in feed)
        {
            var at = Html.Encode(item.At.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
            html.Append($"""<li><span class="cp-muted" title="{at}">{Html.Encode(Words.Ago(item.At, DateTime.UtcNow))}</span> · <strong>{Html.Encode(Words.AuditAction(item.Action))}</strong> {Html.Encode(item.Subject ?? "")}</li>""");
        }
        return new MarkupString(html.ToString());
    }
}
