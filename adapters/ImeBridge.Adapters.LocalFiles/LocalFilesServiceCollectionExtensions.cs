using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace ImeBridge.Adapters.LocalFiles;

public static class LocalFilesServiceCollectionExtensions
{
    /// <summary>Registers <see cref="LocalDocumentStore"/> over <paramref name="rootFolder"/> as the <see cref="IDocumentStore"/>.</summary>
    public static IServiceCollection AddImeBridgeLocalDocuments(this IServiceCollection services, string rootFolder)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(rootFolder);
        services.AddSingleton(_ => new LocalDocumentStore(rootFolder));
        services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<LocalDocumentStore>());
        return services;
    }
}
