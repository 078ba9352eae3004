using ImeBridge.Adapters.Email;
using ImeBridge.Adapters.Fhir;
using ImeBridge.Adapters.Sftp;
using ImeBridge.Core.Batch;
using ImeBridge.Core.Intake;
using ImeBridge.Core.Matching;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Partners;
using ImeBridge.Core.Validation;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Triage;
using ImeBridge.Hosting.Engines;
using ImeBridge.Hosting.Outbound;
using ImeBridge.Hosting.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ImeBridge.Hosting;

/// <summary>The one composition root, shared by <c>imebridge serve</c> and the Azure Functions app.</summary>
public static class ImeBridgeHostBuilderExtensions
{
    /// <summary>
    /// Registers the core services and <see cref="ReferralApi"/>, and binds <see cref="ImeBridgeOptions"/> from the
    /// configuration root (validated at start-up). Choose storage next, e.g. <see cref="ImeBridgeBuilder.UseEmbedded"/>.
    /// </summary>
    public static ImeBridgeBuilder AddImeBridge(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ImeBridgeOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImeBridgeOptions>, ImeBridgeOptionsValidator>());
        services.TryAddSingleton<IPartnerDirectory, ConfiguredPartnerDirectory>();
        services.TryAddSingleton<ReferralReader>();
        services.TryAddSingleton<ReferralValidator>();
        services.TryAddScoped<ReferralIntake>();
        services.TryAddSingleton<IntakePressure>();
        services.TryAddSingleton<MessageDispatcher>();
        services.TryAddSingleton<ReferralWorkflow>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, TriageHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, TransitionRequestedHandler>());
        services.TryAddSingleton<ExpertMatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, MatchingHandler>());
        services.AddLinkingWorkflow();
        services.AddDocumentsWorkflow();
        services.AddSchedulingWorkflow();
        services.AddReportsWorkflow();
        services.AddClaimantMessaging(builder.Configuration);
        services.AddSms(builder.Configuration);
        services.AddEmail(builder.Configuration);
        services.AddPartnerWebhooks(builder.Configuration);
        services.AddReportDelivery(builder.Configuration);
        services.TryAddScoped<BatchIntake>();
        services.TryAddScoped<ReferralApi>();
        services.TryAddScoped<InboundEmailApi>();
        services.TryAddScoped<FhirApi>();
        services.TryAddSingleton<OperatorAuth>();
        services.TryAddScoped<PartnerReferralAccess>();
        services.TryAddScoped<OpsApi>();
        services.TryAddScoped<OpsExpertsApi>();
        services.AddOutboxRefusedOps();
        // The channels' pollers run only where a host asks for them (ImeBridgeBuilder.RunChannelPollers, or a Functions timer).
        services.AddImeBridgeSftp(builder.Configuration, runPollingService: false);
        services.AddImeBridgeEmail(builder.Configuration, pollMailboxInBackground: false);
        services.AddImeBridgeFhir(builder.Configuration, runPollingService: false);
        return new ImeBridgeBuilder(builder);
    }
}
