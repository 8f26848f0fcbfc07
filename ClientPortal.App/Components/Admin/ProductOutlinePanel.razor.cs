using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Components;

namespace ClientPortal.App.Components.Admin;

public partial class ProductOutlinePanel
{
    /// <summary>The lesson open in the lesson panel.</summary>
    [Parameter] public long? Selected { get; set; }

    [Parameter] public EventCallback<long?> SelectedChanged { get; set; }

    private Product? product;
    private string newCategory = "";
    private readonly Dictionary<long, string> newLesson = new();

    protected override async Task ReloadAsync()
    {
        product = await ProductCatalog.ProductAsync(ProductId);
        foreach (var c in product?.Categories ?? []) newLesson.TryAdd(c.Id, "");
    }

    private Task SelectAsync(long? lesson) => SelectedChanged.InvokeAsync(lesson);

    private async Task AddCategoryAsync()
    {
        if (Report(await Curriculum.AddCategoryAsync(ProductId, newCategory, Me))) newCategory = "";
        await ChangedAsync();
    }

    private async Task MoveCategoryAsync(long id, int direction)
    {
        await Curriculum.MoveCategoryAsync(id, direction);
        await ChangedAsync();
    }

    private async Task DeleteCategoryAsync(Category category)
    {
        if (await ConfirmAsync($"Delete “{category.Title}” and its {Plural.Of(category.Lessons.Count, "lesson")}?",
            "Delete category", "Delete") != true) return;
        if (!Report(await Curriculum.DeleteCategoryAsync(category.Id, Me), "Category deleted.")) return;
        if (category.Lessons.Any(l => l.Id == Selected)) await SelectAsync(null);
        await ChangedAsync();
    }

    private async Task AddLessonAsync(long categoryId)
    {
        var outcome = await Curriculum.AddLessonAsync(categoryId, newLesson[categoryId], Me);
        if (!Report(outcome)) return;
        newLesson[categoryId] = "";
        await SelectAsync(outcome.Value);
        await ChangedAsync();
    }

    private async Task MoveLessonAsync(long id, int direction)
    {
        await Curriculum.MoveLessonAsync(id, direction);
        await ChangedAsync();
    }
}
