using ClientPortal.Domain.Entities;

namespace ClientPortal.Domain.MagicLinks;

/// <summary>What screens and the audit trail call a link's purpose and policy: a course creator's words, never the
/// enum's name.</summary>
public static class LinkWords
{
    public static string Purpose(MagicLinkPurpose purpose) => purpose switch
    {
        MagicLinkPurpose.SelfRequested => "Asked for by the learner",
        MagicLinkPurpose.Invite => "Invite",
        MagicLinkPurpose.LoginEmail => "Login email",
        MagicLinkPurpose.AdminGenerated => "Made by the team",
        MagicLinkPurpose.Workflow => "Workflow",
        _ => "Team access",
    };

    /// <summary>How an entry came about, for the feed and the trail ("via a link the team made").</summary>
    public static string Via(MagicLinkPurpose purpose) => purpose switch
    {
        MagicLinkPurpose.SelfRequested => "via a link they asked for",
        MagicLinkPurpose.Invite => "via their invite",
        MagicLinkPurpose.LoginEmail => "via a login email",
        MagicLinkPurpose.AdminGenerated => "via a link the team made",
        MagicLinkPurpose.Workflow => "via a workflow's link",
        _ => "via a team access link",
    };

    public static string Policy(LinkUsePolicy policy) =>
        policy == LinkUsePolicy.SingleUse ? "works once" : "reusable until it expires";
}
