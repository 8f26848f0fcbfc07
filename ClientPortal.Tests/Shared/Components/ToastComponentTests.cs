using Bunit;
using ClientPortal.Tests.Support;
using MudBlazor;

namespace ClientPortal.Tests.Shared.Components;

public class ToastComponentTests : PortalComponentTest
{
    [Fact]
    public async Task One_toast_at_a_time_at_the_bottom_centre_the_newest_replacing_an_error()
    {
        var toasts = Render<MudSnackbarProvider>();
        var snackbar = Get<ISnackbar>();
        await toasts.InvokeAsync(() => snackbar.Add("That did not work.", Severity.Error));
        toasts.WaitForAssertion(() => Assert.Contains("That did not work.", toasts.Markup), Patience);

        await toasts.InvokeAsync(() => snackbar.Add("Saved.", Severity.Success));
        toasts.WaitForAssertion(() => Assert.Contains("Saved.", toasts.Markup), Patience);
        Assert.DoesNotContain("That did not work.", toasts.Markup);
        Assert.Single(snackbar.ShownSnackbars);
        Assert.Contains("mud-snackbar-location-bottom-center", toasts.Markup);
    }
}
