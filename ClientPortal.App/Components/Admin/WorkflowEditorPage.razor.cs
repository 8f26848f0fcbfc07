using ClientPortal.App.Components;
using ClientPortal.App.Features.Catalog;
using ClientPortal.App.Features.Workflows;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Workflows;
using Microsoft.AspNetCore.Components;

namespace ClientPortal.App.Components.Admin;

public partial class WorkflowEditorPage
{

    /// <summary>The editor's mutable copy of a step.</summary>
    private sealed class StepModel
    {
        public WorkflowStepKind Kind { get; init; }
        public string? Subject { get; set; }
        public string? Body { get; set; }
        public long? OfferId { get; set; }
        public string? Tag { get; set; }
        public string? Url { get; set; }
        public bool IncludeLoginUrl { get; set; }
        public int? Amount { get; set; }
        public WaitUnit Unit { get; set; }
        public bool Touched => Subject is not null || Body is not null || OfferId is not null || Tag is not null
            || Url is not null || Amount is not null;

        public WorkflowStep ToStep() => new(Kind, Subject, Body, OfferId, Tag, Url, IncludeLoginUrl, Amount, Unit);

        public static StepModel From(WorkflowStep s) => new()
        {
            Kind = s.Kind, Subject = s.Subject, Body = s.Body, OfferId = s.OfferId, Tag = s.Tag, Url = s.Url,
            IncludeLoginUrl = s.IncludeLoginUrl, Amount = s.Amount, Unit = s.Unit,
        };
    }

    [Parameter] public long? Id { get; set; }

    private bool loaded;
    private bool notFound;
    private bool saving;
    private bool attempted;
    private int version;
    private string? secret;
    private bool inboundCreatesContact;
    private bool hasInboundUrl;
    private string? inboundUrl;
    private string name = "";
    private WorkflowTrigger trigger = WorkflowTrigger.OfferAccessGranted;
    private WorkflowFilterKind filterKind;
    private long? filterId;
    private string? filterTag;
    private List<StepModel> steps = [];
    private WorkflowStepKind newKind = WorkflowStepKind.SendEmail;
    private IReadOnlyList<string>? errors;

    private IReadOnlyList<OfferSummary> offers = [];
    private IReadOnlyList<ProductSummary> products = [];
    private readonly List<(long Id, string Text)> categories = [];
    private readonly List<(long Id, string Text)> lessons = [];
    private IReadOnlyList<string> tags = [];

    private static string FilterText(WorkflowFilterKind f) => f switch
    {
        WorkflowFilterKind.None => "Always",
        WorkflowFilterKind.Tag => "The contact has a tag",
        _ => $"A specific {f.ToString().ToLowerInvariant()}",
    };

    protected override async Task LoadAsync()
    {
        offers = await OfferCatalog.OffersAsync();
        products = await ProductCatalog.ProductsAsync();
        tags = await Directory.AllTagsAsync();
        foreach (var summary in products)
        {
            if (await ProductCatalog.ProductAsync(summary.Id) is not { } product) continue;
            foreach (var category in product.Categories)
            {
                categories.Add((category.Id, $"{product.Title} › {category.Title}"));
                lessons.AddRange(category.Lessons.Select(l =>
                    (l.Id, $"{product.Title} › {category.Title} › {l.Title}")));
            }
        }
        if (Id is { } id)
        {
            var detail = await Editor.GetAsync(id);
            if (detail is null) { notFound = true; return; }
            (name, version, secret) = (detail.Name, detail.Version, detail.WebhookSecret);
            (trigger, filterKind, filterId, filterTag) = (detail.Draft.Trigger, detail.Draft.FilterKind,
                detail.Draft.FilterId, detail.Draft.FilterTag);
            steps = detail.Draft.Steps.Select(StepModel.From).ToList();
            (inboundCreatesContact, hasInboundUrl) = (detail.Draft.InboundCreatesContact, detail.HasInboundUrl);
        }
        loaded = true;
    }

    private void TriggerChanged(WorkflowTrigger value)
    {
        trigger = value;
        if (!WorkflowDefinition.FiltersFor(value).Contains(filterKind)) (filterKind,
            filterId) = (WorkflowFilterKind.None, null);
    }

    private void AddStep() => steps.Add(new StepModel { Kind = newKind, Unit = WaitUnit.Hours });

    private void Move(int index, int direction)
    {
        var target = index + direction;
        (steps[index], steps[target]) = (steps[target], steps[index]);
    }

    private async Task PublishAsync()
    {
        attempted = true;
        saving = true;
        try
        {
            var draft = new WorkflowDraft(name, trigger, filterKind, filterId, filterTag, steps.Select(s => s.ToStep())
                .ToList(), inboundCreatesContact);
            var outcome = await Editor.PublishAsync(Id, draft, Me);
            errors = outcome.Succeeded ? null : outcome.Errors;
            if (!Report(outcome,
                Id is null ? "Workflow created and turned on." : "Published: new runs use this version.")) return;
            Navigation.NavigateTo($"/admin/workflows/{outcome.Value}", replace: true);
            Id = outcome.Value;
            var detail = await Editor.GetAsync(outcome.Value);
            (version, secret) = (detail!.Version, detail.WebhookSecret);
        }
        finally
        {
            saving = false;
        }
    }

    private async Task NewInboundUrlAsync()
    {
        var made = await Inbound.NewUrlAsync(Id!.Value, Me);
        if (!Report(made, "The new address works now.")) return;
        (inboundUrl, hasInboundUrl) = (made.Value, true);
    }
}
