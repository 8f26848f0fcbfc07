namespace ClientPortal.App.Features.Media;

public static class MediaServiceCollectionExtensions
{
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddSingleton<StoredImages>();
        return services;
    }
}
