using ClientPortal.App.Features.Catalog;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace ClientPortal.App.Components.Admin;

public partial class ProductDetailsPanel
{
    private ProductKind? kind;
    private Details details = new();
    private Outcome? outcome;
    private IReadOnlyList<string>? coverErrors;
    private bool uploading;
    private long? loadedFor;

    /// <summary>
    /// Reads the details once per product: only this form changes them, so a change elsewhere in the editor (a lesson
    /// added, the product published) must not throw away what is being typed here.
    /// </summary>
    protected override async Task ReloadAsync()
    {
        if (loadedFor == ProductId) return;
        if (await ProductCatalog.FindAsync(ProductId) is not { } product) return;
        loadedFor = ProductId;
        kind = product.Kind;
        details = new Details
        {
            Title = product.Title,
            Description = product.Description,
            CoverUrl = product.CoverUrl,
            ShowLockedInLibrary = product.ShowLockedInLibrary,
            UpsellUrl = product.UpsellUrl,
        };
    }

    private async Task SaveAsync()
    {
        outcome = await ProductCatalog.UpdateProductAsync(ProductId, new ProductDetails(details.Title,
            details.Description, kind!.Value, details.CoverUrl, details.ShowLockedInLibrary, details.UpsellUrl), Me);
        if (!outcome.Succeeded) return;
        Snackbar.Add("Details saved.", Severity.Success);
        await ChangedAsync();
    }

    private async Task UploadCoverAsync(IBrowserFile? file)
    {
        if (file is null) return;
        coverErrors = null;
        uploading = true;
        try
        {
            var saved = await Covers.SaveAsync(ProductId, file.OpenReadStream(ProductCovers.MaxBytes + 1), Me);
            coverErrors = saved.Succeeded ? null : saved.Errors;
            if (!Report(saved, "Cover saved.")) return;
            // Only the cover changed: the rest of the form keeps what is being typed.
            details.CoverUrl = (await ProductCatalog.FindAsync(ProductId))?.CoverUrl;
            await ChangedAsync();
        }
        catch (IOException)
        {
            coverErrors = [ProductCovers.TooLarge];
        }
        finally
        {
            uploading = false;
        }
    }

    /// <summary>The details form; its property names are the product's, so the catalog's problems land beside their
    /// fields.</summary>
    private sealed class Details
    {
        public string Title { get; set; } = "";
        public string? Description { get; set; }
        public string? CoverUrl { get; set; }
        public bool ShowLockedInLibrary { get; set; }
        public string? UpsellUrl { get; set; }
    }
}
