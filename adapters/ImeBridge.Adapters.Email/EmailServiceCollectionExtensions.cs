using ImeBridge.Adapters.Email.Configuration;
using ImeBridge.Adapters.Email.Extraction;
using ImeBridge.Adapters.Email.Imap;
using ImeBridge.Adapters.Email.Intake;
using ImeBridge.Adapters.Email.SendGrid;
using ImeBridge.Core.Batch;
using ImeBridge.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Registers email intake: <see cref="InboundEmailIntake"/>, <see cref="EmailReceivedHandler"/> (as the
    /// <see cref="IMessageHandler"/> of <see cref="EmailReceived"/>), <see cref="EmailReferralExtractor"/>,
    /// <see cref="SendGridInboundParse"/> and, when <c>mailbox.host</c> is set, <see cref="ImapMailboxPoller"/> plus
    /// (with <paramref name="pollMailboxInBackground"/>) the <see cref="ImapPollingService"/> that runs it. Binds and
    /// validates at start-up <c>inboundEmail</c>, <c>mailbox</c> and <c>partners[i].email</c> / <c>partners[i].csv</c>
    /// from <paramref name="configuration"/> (the configuration root).
    /// Needs from the host: <see cref="Core.Intake.ReferralIntake"/>, <see cref="Core.Partners.IPartnerDirectory"/>,
    /// <see cref="Core.Ports.IReferralStore"/>, <see cref="Core.Ports.IDocumentStore"/>, <see cref="Core.Ports.IMessageQueue"/>
    /// and <see cref="Core.Ports.IEmailSender"/>.
    /// </summary>
    /// <param name="pollMailboxInBackground">False for a host that calls <see cref="ImapMailboxPoller.PollAsync"/> itself (a Functions timer).</param>
    public static IServiceCollection AddImeBridgeEmail(this IServiceCollection services, IConfiguration configuration, bool pollMailboxInBackground = true)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        EmailEncodings.EnsureRegistered();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<InboundEmailOptions>().Bind(configuration.GetSection(InboundEmailOptions.Section)).ValidateOnStart();
        services.AddOptions<MailboxOptions>().Bind(configuration.GetSection(MailboxOptions.Section)).ValidateOnStart();
        services.AddOptions<EmailPartnersOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InboundEmailOptions>, InboundEmailOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailboxOptions>, MailboxOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailPartnersOptions>, EmailPartnersOptionsValidator>());

        services.TryAddSingleton<EmailReferralExtractor>();
        services.TryAddSingleton<EmailPartnerResolver>();
        services.TryAddSingleton<InboundEmailIntake>();
        services.TryAddSingleton<EmailReferralIntake>();
        services.TryAddSingleton<EmailTriage>();
        services.TryAddSingleton<SendGridInboundParse>();
        services.TryAddScoped<BatchIntake>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, EmailReceivedHandler>());

        if (!string.IsNullOrWhiteSpace(configuration.GetSection(MailboxOptions.Section)["host"]))
        {
            services.TryAddSingleton<ImapMailboxPoller>();
            if (pollMailboxInBackground)
            {
                services.AddHostedService<ImapPollingService>();
            }
        }

        return services;
    }
}
