using System.Text.Json;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Messaging;

namespace ClientPortal.Domain.Workflows;

/// <summary>One action of a workflow. Which fields matter depends on <see cref="Kind"/>.</summary>
public sealed record WorkflowStep(
    WorkflowStepKind Kind,
    string? Subject = null,
    string? Body = null,
    long? OfferId = null,
    string? Tag = null,
    string? Url = null,
    bool IncludeLoginUrl = false,
    int? Amount = null,
    WaitUnit Unit = WaitUnit.Minutes)
{
    public TimeSpan WaitDuration => Unit switch
    {
        WaitUnit.Hours => TimeSpan.FromHours(Amount ?? 0),
        WaitUnit.Days => TimeSpan.FromDays(Amount ?? 0),
        _ => TimeSpan.FromMinutes(Amount ?? 0),
    };
}

/// <summary>What the editor publishes: a trigger, an optional filter and the ordered steps.</summary>
public sealed record WorkflowDraft(
    string Name,
    WorkflowTrigger Trigger,
    WorkflowFilterKind FilterKind,
    long? FilterId,
    string? FilterTag,
    IReadOnlyList<WorkflowStep> Steps,
    bool InboundCreatesContact = false);

public static class WorkflowDefinition
{
    public const int MaxSteps = 20;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static string Serialize(IReadOnlyList<WorkflowStep> steps) => JsonSerializer.Serialize(steps, Json);

    public static IReadOnlyList<WorkflowStep> Deserialize(string json) =>
        JsonSerializer.Deserialize<List<WorkflowStep>>(json, Json) ?? [];

    public static string Describe(WorkflowTrigger trigger) => trigger switch
    {
        WorkflowTrigger.ContactCreated => "Contact Created",
        WorkflowTrigger.InviteSent => "Invite Sent",
        WorkflowTrigger.PortalJoined => "Portal Joined (first entry)",
        WorkflowTrigger.NewSignUp => "New Sign Up",
        WorkflowTrigger.OfferAccessGranted => "Offer Access Granted",
        WorkflowTrigger.OfferAccessRemoved => "Offer Access Removed",
        WorkflowTrigger.ProductAccessGranted => "Product Access Granted",
        WorkflowTrigger.ProductAccessRemoved => "Product Access Removed",
        WorkflowTrigger.ProductStarted => "Product Started",
        WorkflowTrigger.ProductCompleted => "Product Completed",
        WorkflowTrigger.CategoryStarted => "Category Started",
        WorkflowTrigger.CategoryCompleted => "Category Completed",
        WorkflowTrigger.LessonStarted => "Lesson Started",
        WorkflowTrigger.LessonCompleted => "Lesson Completed",
        WorkflowTrigger.Login => "Login (any sign-in)",
        WorkflowTrigger.Inbound => "Inbound webhook (another system calls the workflow's URL)",
        _ => trigger.ToString(),
    };

    public static string Describe(WorkflowStepKind kind) => kind switch
    {
        WorkflowStepKind.SendEmail => "Send email",
        WorkflowStepKind.SendSms => "Send SMS",
        WorkflowStepKind.GrantOffer => "Grant offer",
        WorkflowStepKind.RevokeOffer => "Revoke offer",
        WorkflowStepKind.AddTag => "Add tag",
        WorkflowStepKind.RemoveTag => "Remove tag",
        WorkflowStepKind.Webhook => "Call webhook",
        WorkflowStepKind.Wait => "Wait",
        _ => kind.ToString(),
    };

    /// <summary>The filters that make sense for a trigger (a tag always does: every trigger carries a
    /// contact).</summary>
    public static IReadOnlyList<WorkflowFilterKind> FiltersFor(WorkflowTrigger trigger) => trigger switch
    {
        WorkflowTrigger.OfferAccessGranted or WorkflowTrigger.OfferAccessRemoved =>
            [WorkflowFilterKind.None, WorkflowFilterKind.Offer, WorkflowFilterKind.Tag],
        WorkflowTrigger.ProductAccessGranted or WorkflowTrigger.ProductAccessRemoved or WorkflowTrigger.ProductStarted
            or WorkflowTrigger.ProductCompleted =>
            [WorkflowFilterKind.None, WorkflowFilterKind.Product, WorkflowFilterKind.Tag],
        WorkflowTrigger.CategoryStarted or WorkflowTrigger.CategoryCompleted =>
            [WorkflowFilterKind.None, WorkflowFilterKind.Product, WorkflowFilterKind.Category, WorkflowFilterKind.Tag],
        WorkflowTrigger.LessonStarted or WorkflowTrigger.LessonCompleted =>
            [WorkflowFilterKind.None, WorkflowFilterKind.Product, WorkflowFilterKind.Category,
                WorkflowFilterKind.Lesson,
                WorkflowFilterKind.Tag],
        _ => [WorkflowFilterKind.None, WorkflowFilterKind.Tag],
    };

    /// <summary>Everything the editor refuses, as messages a person can act on.</summary>
    public static IReadOnlyList<string> Validate(WorkflowDraft draft)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(draft.Name)) errors.Add("Give the workflow a name.");
        else if (draft.Name.Trim().Length > 200) errors.Add("The name is too long (200 characters at most).");
        if (!Enum.IsDefined(draft.Trigger)) errors.Add("Choose a trigger.");
        else if (!FiltersFor(draft.Trigger)
            .Contains(draft.FilterKind)) errors.Add($"A {draft.FilterKind} filter does not apply to " +
            $"{Describe(draft.Trigger)}.");
        else if (draft.FilterKind == WorkflowFilterKind.Tag
            && string.IsNullOrWhiteSpace(draft.FilterTag)) errors.Add("Choose the tag to filter on.");
        else if (draft.FilterKind is not (WorkflowFilterKind.None or WorkflowFilterKind.Tag) && draft.FilterId is null)
            errors.Add($"Choose the {draft.FilterKind.ToString().ToLowerInvariant()} to filter on.");
        if (draft.Steps.Count == 0) errors.Add("Add at least one action.");
        if (draft.Steps.Count > MaxSteps) errors.Add($"A workflow has at most {MaxSteps} actions.");
        for (var i = 0; i < draft.Steps.Count; i++)
            errors.AddRange(Validate(draft.Steps[i])
                .Select(e => $"Action {i + 1} ({Describe(draft.Steps[i].Kind)}): {e}"));
        return errors;
    }

    public static IReadOnlyList<string> Validate(WorkflowStep step)
    {
        var errors = new List<string>();
        switch (step.Kind)
        {
            case WorkflowStepKind.SendEmail:
                if (string.IsNullOrWhiteSpace(step.Subject)) errors.Add("a subject is required.");
                if (string.IsNullOrWhiteSpace(step.Body)) errors.Add("a message is required.");
                errors.AddRange(MergeFields.Validate($"{step.Subject}\n{step.Body}"));
                break;
            case WorkflowStepKind.SendSms:
                if (string.IsNullOrWhiteSpace(step.Body)) errors.Add("a message is required.");
                else if (step.Body.Length > 1000) errors.Add("the message is too long (1,000 characters at most).");
                errors.AddRange(MergeFields.Validate(step.Body ?? ""));
                break;
            case WorkflowStepKind.GrantOffer or WorkflowStepKind.RevokeOffer:
                if (step.OfferId is null) errors.Add("choose an offer.");
                break;
            case WorkflowStepKind.AddTag or WorkflowStepKind.RemoveTag:
                if (string.IsNullOrWhiteSpace(step.Tag)) errors.Add("choose a tag.");
                else if (step.Tag.Trim().Length > 100) errors.Add("the tag is too long (100 characters at most).");
                break;
            case WorkflowStepKind.Webhook:
                if (!Uri.TryCreate(step.Url?.Trim(), UriKind.Absolute, out var uri)
                    || uri.Scheme is not ("http" or "https"))
                    errors.Add("the webhook URL must be an http(s) address.");
                break;
            case WorkflowStepKind.Wait:
                if (step.Amount is null or <= 0) errors.Add("a wait must be at least 1.");
                else if (step.WaitDuration > TimeSpan.FromDays(365)) errors.Add("a wait can be a year at most.");
                break;
            default:
                errors.Add("unknown action.");
                break;
        }
        return errors;
    }

    public static string NewSecret() => WebhookSignature.NewSecret();
}
