using AngleSharp.Dom;
using Bunit;
using ClientPortal.App.Components.Admin;
using ClientPortal.App.Features.Catalog;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using MudBlazor;

namespace ClientPortal.Tests.Catalog.Components;

/// <summary>The product editor is a layout of panels (outline, lesson, details); a change in one has the others read
/// again without losing what is being typed in them.</summary>
public class ProductEditorComponentTests : PortalComponentTest
{
    private async Task<(long Product, long Lesson)> CourseAsync()
    {
        var product = (await Get<CatalogProducts>().CreateProductAsync(new ProductDetails("Sourdough at Home", null,
            ProductKind.Course, null), Seed.Admin)).Value;
        var module = (await Get<CatalogCurriculum>().AddCategoryAsync(product, "Starter", Seed.Admin)).Value;
        var lesson = (await Get<CatalogCurriculum>().AddLessonAsync(module, "Feeding", Seed.Admin)).Value;
        await Get<CatalogCurriculum>().AddLessonAsync(module, "Storing", Seed.Admin);
        return (product, lesson);
    }

    private static async Task ClickAsync(IRenderedComponent<ProductEditor> cut, string text) =>
        await cut.FindAll("button").First(b => b.TextContent.Trim() == text).ClickAsync(new());

    [Fact]
    public async Task A_lesson_being_typed_survives_a_change_in_the_outline()
    {
        var (product, lesson) = await CourseAsync();
        Render<MudPopoverProvider>();
        var cut = Render<ProductEditor>(p => p.Add(e => e.Id, product));
        cut.WaitForAssertion(() => cut.Find("[data-testid=add-category]"), Patience);

        await ClickAsync(cut, "Feeding");
        IElement Title() => cut.Find("#lesson-title");
        cut.WaitForAssertion(() => Assert.Equal("Feeding", Title().GetAttribute("value")), Patience);
        await Title().ChangeAsync(new() { Value = "Feeding the starter" });

        // The outline changes the product (a module added, a lesson moved): every panel reads again.
        await cut.Find("[data-testid=new-category] input, input#new-category").ChangeAsync(new() { Value = "Baking" });
        await cut.Find("[data-testid=add-category]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Contains("2. Baking", cut.Markup), Patience);
        await cut.Find("[aria-label='Move Storing up']").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.True(cut.Markup.IndexOf("Storing", StringComparison.Ordinal)
            < cut.Markup.IndexOf("Feeding", StringComparison.Ordinal)), Patience);

        Assert.Equal("Feeding the starter", Title().GetAttribute("value"));
        Assert.Equal("Feeding", (await Get<CatalogCurriculum>().LessonAsync(lesson))!.Title); // not saved until asked
        await ClickAsync(cut, "Save lesson");
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".cp-outline-lessons button"),
            b => b.TextContent == "Feeding the starter"), Patience);
    }

    [Fact]
    public async Task Details_being_typed_survive_publishing_the_product()
    {
        var (product, _) = await CourseAsync();
        Render<MudPopoverProvider>();
        var cut = Render<ProductEditor>(p => p.Add(e => e.Id, product));
        IElement Title() => cut.Find("#product-title");
        cut.WaitForAssertion(() => Assert.Equal("Sourdough at Home", Title().GetAttribute("value")), Patience);
        await Title().ChangeAsync(new() { Value = "Sourdough for Beginners" });

        await cut.Find("[data-testid=toggle-publish]").ClickAsync(new());
        cut.WaitForAssertion(() =>
            Assert.Equal("Published", cut.Find("[data-testid=publish-state]").TextContent.Trim()), Patience);
        Assert.Equal("Sourdough for Beginners", Title().GetAttribute("value"));

        // Saved, the page's heading follows.
        await ClickAsync(cut, "Save details");
        cut.WaitForAssertion(() => Assert.Equal("Sourdough for Beginners", cut.Find("h1").TextContent), Patience);
    }

    [Fact]
    public async Task A_deleted_lesson_leaves_the_outline_and_closes_its_panel()
    {
        var (product, lesson) = await CourseAsync();
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ProductEditor>(p => p.Add(e => e.Id, product));
        cut.WaitForAssertion(() => cut.Find("[data-testid=add-category]"), Patience);
        await ClickAsync(cut, "Feeding");
        cut.WaitForAssertion(() => cut.Find("#lesson-title"), Patience);

        var asking = ClickAsync(cut, "Delete lesson");
        dialogs.WaitForAssertion(() => Assert.Contains("Delete the lesson “Feeding”?", dialogs.Markup), Patience);
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").ClickAsync(new());
        await asking.WaitAsync(Patience);

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#lesson-heading")), Patience);
        Assert.DoesNotContain(cut.FindAll(".cp-outline-lessons button"), b => b.TextContent == "Feeding");
        Assert.Null(await Get<CatalogCurriculum>().LessonAsync(lesson));
    }
}
