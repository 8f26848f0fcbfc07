using ClientPortal.App.Components;
using ClientPortal.App.Features.Catalog;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace ClientPortal.App.Components.Admin;

public partial class ProductEditor
{
    [Parameter] public long Id { get; set; }

    private Product? product;
    private bool notFound;
    private string newCategory = "";
    private readonly Dictionary<long, string> newLesson = new();
    private Lesson? editing;
    private LessonDraft lesson = new();
    private Outcome? lessonOutcome;
    private Outcome? detailOutcome;
    private Details details = new();
    private IReadOnlyList<string>? coverErrors;
    private bool uploading;

    protected override Task LoadAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        product = await ProductCatalog.ProductAsync(Id);
        notFound = product is null;
        if (product is null) return;
        foreach (var c in product.Categories) newLesson.TryAdd(c.Id, "");
        details = new Details
        {
            Title = product.Title,
            Description = product.Description,
            CoverUrl = product.CoverUrl,
            ShowLocked = product.ShowLockedInLibrary,
            UpsellUrl = product.UpsellUrl,
        };
        if (editing is not null)
            editing = product.Categories.SelectMany(c => c.Lessons).FirstOrDefault(l => l.Id == editing.Id);
    }

    private void Edit(Lesson lesson)
    {
        editing = lesson;
        this.lesson = new LessonDraft { Title = lesson.Title, VideoUrl = lesson.VideoUrl, Body = lesson.BodyMarkdown };
        lessonOutcome = null;
    }

    private async Task TogglePublishedAsync()
    {
        Report(await ProductCatalog.SetPublishedAsync(Id, !product!.IsPublished, Me),
            product.IsPublished ? "Unpublished." : "Published.");
        await ReloadAsync();
    }

    private async Task DeleteAsync()
    {
        if (await ConfirmAsync($"Delete “{product!.Title}” with all its lessons? Learners lose it at once.",
            "Delete product", "Delete") != true) return;
        if (Report(await ProductCatalog.DeleteProductAsync(Id, Me),
            "Product deleted.")) Navigation.NavigateTo("/admin/products");
    }

    private async Task SaveDetailsAsync()
    {
        detailOutcome = await ProductCatalog.UpdateProductAsync(Id,
            new ProductDetails(details.Title, details.Description, product!.Kind, details.CoverUrl, details.ShowLocked,
                details.UpsellUrl), Me);
        if (!detailOutcome.Succeeded) return;
        Snackbar.Add("Details saved.", Severity.Success);
        await ReloadAsync();
    }

    private async Task UploadCoverAsync(IBrowserFile? file)
    {
        if (file is null) return;
        coverErrors = null;
        uploading = true;
        try
        {
            var outcome = await Covers.SaveAsync(Id, file.OpenReadStream(ProductCovers.MaxBytes + 1), Me);
            coverErrors = outcome.Succeeded ? null : outcome.Errors;
            if (Report(outcome, "Cover saved.")) await ReloadAsync();
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

    private async Task AddCategoryAsync()
    {
        if (Report(await Curriculum.AddCategoryAsync(Id, newCategory, Me))) newCategory = "";
        await ReloadAsync();
    }

    private async Task MoveCategoryAsync(long id, int direction)
    {
        await Curriculum.MoveCategoryAsync(id, direction);
        await ReloadAsync();
    }

    private async Task DeleteCategoryAsync(Category category)
    {
        if (await ConfirmAsync($"Delete “{category.Title}” and its {Plural.Of(category.Lessons.Count, "lesson")}?",
            "Delete category", "Delete") != true) return;
        Report(await Curriculum.DeleteCategoryAsync(category.Id, Me), "Category deleted.");
        await ReloadAsync();
    }

    private async Task AddLessonAsync(long categoryId)
    {
        var outcome = await Curriculum.AddLessonAsync(categoryId, newLesson[categoryId], Me);
        if (Report(outcome)) newLesson[categoryId] = "";
        await ReloadAsync();
        if (outcome.Succeeded && product!.Categories.SelectMany(c => c.Lessons)
            .FirstOrDefault(l => l.Id == outcome.Value) is { } created) Edit(created);
    }

    private async Task MoveLessonAsync(long id, int direction)
    {
        await Curriculum.MoveLessonAsync(id, direction);
        await ReloadAsync();
    }

    private async Task SaveLessonAsync()
    {
        lessonOutcome = await Curriculum.UpdateLessonAsync(editing!.Id, lesson.Title, lesson.Body, lesson.VideoUrl, Me);
        if (!lessonOutcome.Succeeded) return;
        Snackbar.Add("Lesson saved.", Severity.Success);
        await ReloadAsync();
    }

    private async Task DeleteLessonAsync()
    {
        if (await ConfirmAsync($"Delete the lesson “{editing!.Title}”?", "Delete lesson", "Delete") != true) return;
        Report(await Curriculum.DeleteLessonAsync(editing.Id, Me), "Lesson deleted.");
        editing = null;
        await ReloadAsync();
    }

    /// <summary>The lesson form; Title and VideoUrl are the names the catalog's lesson rule gives its
    /// problems.</summary>
    private sealed class LessonDraft
    {
        public string Title { get; set; } = "";
        public string? VideoUrl { get; set; }
        public string Body { get; set; } = "";
    }

    /// <summary>The details form; its property names are the product input's, so the catalog's problems land beside
    /// their fields.</summary>
    private sealed class Details
    {
        public string Title { get; set; } = "";
        public string? Description { get; set; }
        public string? CoverUrl { get; set; }
        public bool ShowLocked { get; set; }
        public string? UpsellUrl { get; set; }
    }
}
