using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Workflows;

namespace ClientPortal.App.Components.Admin;

/// <summary>
/// The workflow being edited: what the editor's panels ("When", "Then") change together and publish as one draft.
/// </summary>
public sealed class WorkflowForm
{
    public string Name { get; set; } = "";
    public WorkflowTrigger Trigger { get; private set; } = WorkflowTrigger.OfferAccessGranted;
    public WorkflowFilterKind FilterKind { get; set; }
    public long? FilterId { get; set; }
    public string? FilterTag { get; set; }
    public bool InboundCreatesContact { get; set; }
    public List<WorkflowStepForm> Steps { get; init; } = [];

    /// <summary>Publishing was tried: every step shows its problems, touched or not.</summary>
    public bool Attempted { get; set; }

    /// <summary>A new trigger; a filter it does not offer goes.</summary>
    public void ChangeTrigger(WorkflowTrigger value)
    {
        Trigger = value;
        if (!WorkflowDefinition.FiltersFor(value).Contains(FilterKind)) (FilterKind, FilterId) =
            (WorkflowFilterKind.None, null);
    }

    public WorkflowDraft ToDraft() => new(Name, Trigger, FilterKind, FilterId, FilterTag,
        Steps.Select(s => s.ToStep()).ToList(), InboundCreatesContact);

    public static WorkflowForm From(string name, WorkflowDraft draft) => new()
    {
        Name = name,
        Trigger = draft.Trigger,
        FilterKind = draft.FilterKind,
        FilterId = draft.FilterId,
        FilterTag = draft.FilterTag,
        InboundCreatesContact = draft.InboundCreatesContact,
        Steps = draft.Steps.Select(WorkflowStepForm.From).ToList(),
    };
}

/// <summary>The editor's mutable copy of a step.</summary>
public sealed class WorkflowStepForm
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

    public static WorkflowStepForm From(WorkflowStep s) => new()
    {
        Kind = s.Kind, Subject = s.Subject, Body = s.Body, OfferId = s.OfferId, Tag = s.Tag, Url = s.Url,
        IncludeLoginUrl = s.IncludeLoginUrl, Amount = s.Amount, Unit = s.Unit,
    };
}
