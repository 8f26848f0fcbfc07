using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Affiliates;
using ClientPortal.Domain.Entities;

namespace ClientPortal.App.Features.Learning;

/// <summary>The parts of the portal a learner's menu offers besides the library, courses and profile.</summary>
public sealed record LearnerSections(bool Communities, bool Affiliates)
{
    public static readonly LearnerSections None = new(false, false);
}

/// <summary>Communities show only to members of one, the affiliate page only to affiliates.</summary>
public sealed class LearnerMenu(AccessGrants access, AffiliateProgram affiliates)
{
    public async Task<LearnerSections> ForAsync(long contactId, CancellationToken ct = default) =>
        new((await access.VisibleProductsAsync(contactId, ct)).Any(p => p.Kind == ProductKind.Community),
            await affiliates.IsEnrolledAsync(contactId, ct));
}
