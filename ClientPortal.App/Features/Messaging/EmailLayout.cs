using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ClientPortal.Domain.Catalog;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Messaging;
using ClientPortal.Infrastructure.Messaging;

namespace ClientPortal.App.Features.Messaging;

/// <summary>What an email shows of the portal: its name, logo, colour and support address.</summary>
public sealed record EmailBrand(string PortalName, string BrandColor, string? LogoUrl, string? SupportEmail)
{
    /// <summary>The brand of the settings; an uploaded logo (a path on the portal) addressed from
    /// <paramref name="baseUrl"/>, since a mail client loads it from afar.</summary>
    public static EmailBrand Of(PortalSettings s, string baseUrl) => new(s.PortalName, s.BrandColor,
        ClientPortal.Domain.Settings.BrandImageAddress.IsStored(s.LogoUrl) ? baseUrl.TrimEnd('/') + s.LogoUrl
            : s.LogoUrl, s.SupportEmail);
}

/// <summary>
/// The portal's email: a branded, responsive HTML layout around a template's body (a link alone on its line becomes a
/// button), its CSS inlined by PreMailer so Gmail and Outlook, which drop style sheets, still render it; and a clean
/// text part with the same footer. Applied once per template and batch, before each recipient's fields are filled.
/// </summary>
public static partial class EmailLayout
{
    /// <summary>Where the per-recipient note (a link's expiry) goes; replaced, or removed with its paragraph.</summary>
    public const string NoteMarker = "/cpnote/";

    // A bulk send applies the same template and brand once per batch of recipients; inlining CSS parses the whole
    // document, so the result is kept for the few templates and brands in use.
    private static readonly Dictionary<(string Html, string Text, EmailBrand Brand), MergeFields.Prepared> Laid = new();
    private static readonly Lock Gate = new();

    public static MergeFields.Prepared Apply(MergeFields.Prepared body, EmailBrand brand)
    {
        var key = (body.Html, body.Text, brand);
        lock (Gate)
            if (Laid.TryGetValue(key, out var laid)) return laid with { Markers = body.Markers };
        var result = Layout(body, brand);
        lock (Gate)
        {
            if (Laid.Count >= 32) Laid.Clear();
            Laid[key] = result;
        }
        return result;
    }

    private static MergeFields.Prepared Layout(MergeFields.Prepared body, EmailBrand brand)
    {
        var color = HexColor().IsMatch(brand.BrandColor) ? brand.BrandColor : "#4f46e5";
        var onColor = IsLight(color) ? "#1d2030" : "#ffffff";
        var name = WebUtility.HtmlEncode(brand.PortalName);
        var header = brand.LogoUrl is { Length: > 0 } logo
            && logo.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && SafeMarkdown.IsSafeUrl(logo)
            ? $"<img src=\"{WebUtility.HtmlEncode(logo)}\" alt=\"{name}\" height=\"32\" class=\"logo\">"
            : name;
        var support = brand.SupportEmail is { Length: > 0 } email
            ? $" · Questions? <a href=\"mailto:{WebUtility.HtmlEncode(email)}\">{WebUtility.HtmlEncode(email)}</a>"
            : "";
        var content = LoneLink().Replace(body.Html, m =>
            "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" class=\"button\">" +
            "<tr><td class=\"button-cell\">" +
            $"<a href=\"{m.Groups[1].Value}\" class=\"button-link\">{m.Groups[2].Value}</a></td></tr></table>");
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light">
            <style>
            body { margin: 0; padding: 0; background-color: #f4f5f9; }
            .outer { width: 100%; background-color: #f4f5f9; }
            .card { width: 100%; max-width: 560px; background-color: #ffffff; border: 1px solid #e3e5ee;
              border-radius: 12px; }
            .header { padding: 20px 28px; border-bottom: 3px solid {{color}};
              font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size: 18px;
              font-weight: 700; color: #1d2030; }
            .content { padding: 24px 28px 8px;
              font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size: 16px;
              line-height: 1.55; color: #1d2030; }
            .content p { margin: 0 0 16px; }
            .content a { color: {{color}}; }
            .button { margin: 8px 0 20px; }
            .button-cell { border-radius: 8px; background-color: {{color}}; }
            .content a.button-link { display: inline-block; padding: 12px 24px; font-weight: 600; color: {{onColor}};
              text-decoration: none; border-radius: 8px; }
            .note { font-size: 13px; color: #5f6477; }
            .footer { padding: 8px 28px 24px;
              font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size: 12px;
              line-height: 1.5; color: #5f6477; }
            .footer a { color: #5f6477; }
            @media only screen and (max-width: 600px) {
              .header, .content, .footer { padding-left: 18px !important; padding-right: 18px !important; }
              .content a.button-link { display: block !important; text-align: center; }
            }
            </style>
            </head>
            <body>
            <table role="presentation" class="outer" width="100%" cellpadding="0" cellspacing="0">
            <tr><td align="center" style="padding: 24px 12px;">
            <table role="presentation" class="card" width="560" cellpadding="0" cellspacing="0">
            <tr><td class="header">{{header}}</td></tr>
            <tr><td class="content">
            {{content}}
            <p class="note">{{NoteMarker}}</p>
            </td></tr>
            <tr><td class="footer">{{name}}{{support}}</td></tr>
            </table>
            </td></tr></table>
            </body>
            </html>
            """;
        // The rules are inlined; only the phone rules stay in a style element (they cannot be inlined), which keeps
        // every message small.
        var inlined = PreMailer.Net.PreMailer.MoveCssInline(html, removeStyleElements: true, preserveMediaQueries: true)
            .Html;
        var text = body.Text + $"\n\n{NoteMarker}\n\n— {brand.PortalName}" + (brand.SupportEmail is { Length: > 0 } s
            ? $" · {s}" : "");
        return body with { Html = inlined, Text = text };
    }

    /// <summary>Puts this recipient's note (or nothing) where the layout keeps its place.</summary>
    public static (string Html, string Text) WithNote((string Html, string Text) message, string? note) =>
        note is { Length: > 0 }
        ? (message.Html.Replace(NoteMarker, WebUtility.HtmlEncode(note)), message.Text.Replace(NoteMarker, note))
        : (NoteParagraph().Replace(message.Html, ""), message.Text.Replace($"\n\n{NoteMarker}", ""));

    private static bool IsLight(string hex)
    {
        var h = hex.TrimStart('#');
        if (h.Length is 3 or 4) h = string.Concat(h[..3].Select(c => $"{c}{c}"));
        var r = int.Parse(h[..2], NumberStyles.HexNumber) / 255.0;
        var g = int.Parse(h[2..4], NumberStyles.HexNumber) / 255.0;
        var b = int.Parse(h[4..6], NumberStyles.HexNumber) / 255.0;
        return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.6;
    }

    [GeneratedRegex("^#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")]
    private static partial Regex HexColor();

    /// <summary>A paragraph that is nothing but one link: the template's call to action.</summary>
    [GeneratedRegex("<p><a href=\"([^\"]*)\">([^<]*)</a></p>")]
    private static partial Regex LoneLink();

    [GeneratedRegex("<p class=\"note\"[^>]*>" + NoteMarker + "</p>")]
    private static partial Regex NoteParagraph();
}
