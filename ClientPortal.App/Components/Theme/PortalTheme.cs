using ClientPortal.App.Identity;
using MudBlazor;

namespace ClientPortal.App.Components.Theme;

/// <summary>
/// The one MudTheme of the portal: the brand colour from Settings is the primary colour of the learner side and the
/// admin alike, with a dark palette for admins who prefer it. Buttons follow one rule everywhere: the main action of a
/// view is filled in the primary colour, others are outlined or text, never uppercase.
/// </summary>
public static class PortalTheme
{
    private static readonly Dictionary<string, MudTheme> Cache = new();
    private static readonly Lock Gate = new();

    public static MudTheme For(PortalBrand brand)
    {
        lock (Gate)
        {
            if (Cache.TryGetValue(brand.BrandColor, out var cached)) return cached;
            var theme = Build(brand.BrandColor);
            if (Cache.Count > 16) Cache.Clear(); // a brand colour changes rarely: a small cache is enough
            Cache[brand.BrandColor] = theme;
            return theme;
        }
    }

    private static MudTheme Build(string brandColor) => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = brandColor,
            AppbarBackground = "#ffffff",
            AppbarText = "#1d2030",
            Background = "#f6f7fb",
            DrawerBackground = "#ffffff",
            TextPrimary = "#1d2030",
            TextSecondary = "#5f6477",
            LinesDefault = "#e3e5ee",
            // Darker than MudBlazor's defaults, so status words in these colours read on white (WCAG AA contrast).
            Success = "#067647",
            Warning = "#b54708",
            Error = "#b42318",
            Info = "#175cd3",
        },
        PaletteDark = new PaletteDark
        {
            Primary = Lighten(brandColor, 0.4), // the brand itself is usually too dark to read on a dark background
            PrimaryContrastText = "#15161f",
            AppbarBackground = "#1e1f2b",
            DrawerBackground = "#1e1f2b",
            Background = "#15161f",
            Surface = "#1e1f2b",
            LinesDefault = "#333647",
            Success = "#47cd89",
            Warning = "#fdb022",
            Error = "#f97066",
            Info = "#53b1fd",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "system-ui", "-apple-system", "Segoe UI", "Roboto",
                "sans-serif"] },
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "600", LetterSpacing = "normal" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", DrawerWidthLeft = "232px" },
    };

    /// <summary>The colour mixed with white by <paramref name="amount"/> (0 to 1).</summary>
    private static string Lighten(string hex, double amount)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(hex, "^#[0-9a-fA-F]{6}$")) return hex;
        int Mix(int i) => (int)Math.Round(Convert.ToInt32(hex.Substring(i, 2), 16) * (1 - amount) + 255 * amount);
        return $"#{Mix(1):x2}{Mix(3):x2}{Mix(5):x2}";
    }
}
