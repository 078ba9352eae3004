using ImeBridge.Adapters.Http;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImeBridge.Adapters.SendGrid;

public static class SendGridServiceCollectionExtensions
{
    /// <summary>
    /// Makes <see cref="SendGridEmailSender"/> the <see cref="IEmailSender"/>, replacing the local outbox whether it was
    /// registered before or is registered after (it is added with TryAdd). Bind <see cref="SendGridOptions"/> separately.
    /// </summary>
    public static IServiceCollection AddSendGridEmailSender(this IServiceCollection services, OutboundHttpPolicy? httpPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(SendGridEmailSender.HttpClientName)
            .AddOutboundResilience("sendgrid", httpPolicy ?? SendGridEmailSender.DefaultHttpPolicy());
        services.TryAddSingleton<SendGridEmailSender>();
        services.Replace(ServiceDescriptor.Singleton<IEmailSender>(sp => sp.GetRequiredService<SendGridEmailSender>()));
        return services;
    }
}
