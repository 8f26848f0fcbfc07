using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace ClientPortal.App.Components.Shared;

/// <summary>
/// MudBlazor's services as the portal shows toasts: one at a time at the bottom centre, each replacing the one before
/// (so an error goes as soon as the next thing succeeds, and a burst of notes never stacks over the page).
/// </summary>
public static class PortalToasts
{
    public static IServiceCollection AddPortalMudServices(this IServiceCollection services)
    {
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomCenter;
            o.SnackbarConfiguration.NewestOnTop = true;
        });
        services.Replace(ServiceDescriptor.Scoped<ISnackbar>(sp =>
            new ReplacingSnackbar(ActivatorUtilities.CreateInstance<SnackbarService>(sp))));
        return services;
    }

    /// <summary>Clears what is shown before each new toast; everything else is MudBlazor's own service.</summary>
    private sealed class ReplacingSnackbar(SnackbarService inner) : ISnackbar
    {
        public IEnumerable<Snackbar> ShownSnackbars => inner.ShownSnackbars;
        public SnackbarConfiguration Configuration => inner.Configuration;

        public event Action? OnSnackbarsUpdated
        {
            add => inner.OnSnackbarsUpdated += value;
            remove => inner.OnSnackbarsUpdated -= value;
        }

        public Snackbar? Add(string message, Severity severity = Severity.Normal,
            Action<SnackbarOptions>? configure = null, string? key = null) =>
            Replace(() => inner.Add(message, severity, configure, key));

        public Snackbar? Add(MarkupString message, Severity severity = Severity.Normal,
            Action<SnackbarOptions>? configure = null, string? key = null) =>
            Replace(() => inner.Add(message, severity, configure, key));

        public Snackbar? Add(RenderFragment message, Severity severity = Severity.Normal,
            Action<SnackbarOptions>? configure = null, string? key = null) =>
            Replace(() => inner.Add(message, severity, configure, key));

        public Snackbar? Add<T>(Dictionary<string, object>? componentParameters = null,
            Severity severity = Severity.Normal, Action<SnackbarOptions>? configure = null, string? key = null)
            where T : IComponent =>
            Replace(() => inner.Add<T>(componentParameters, severity, configure, key));

        public void Clear() => inner.Clear();
        public void Remove(Snackbar snackbar) => inner.Remove(snackbar);
        public void RemoveByKey(string key) => inner.RemoveByKey(key);
        public void Dispose() => inner.Dispose();

        private Snackbar? Replace(Func<Snackbar?> add)
        {
            inner.Clear();
            return add();
        }
    }
}
