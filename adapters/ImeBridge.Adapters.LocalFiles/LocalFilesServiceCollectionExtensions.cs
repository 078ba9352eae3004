using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

    /// <summary>
    /// Registers <see cref="LocalOutboxEmailSender"/> over <paramref name="outboxFolder"/> as the <see cref="IEmailSender"/>
    /// unless another sender is registered already.
    /// </summary>
    public static IServiceCollection AddImeBridgeLocalOutbox(this IServiceCollection services, string outboxFolder)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(outboxFolder);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new LocalOutboxEmailSender(outboxFolder, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IEmailSender>(sp => sp.GetRequiredService<LocalOutboxEmailSender>());
        return services;
    }
}
