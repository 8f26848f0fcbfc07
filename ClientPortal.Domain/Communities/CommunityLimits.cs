namespace ClientPortal.Domain.Communities;

public static class CommunityLimits
{
    public const int MaxBody = 5000;
    public const int PageSize = 10;
}
