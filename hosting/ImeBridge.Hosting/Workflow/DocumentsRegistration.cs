using ImeBridge.Core.Messaging;
using ImeBridge.Core.Workflow.Documents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImeBridge.Hosting.Workflow;

/// <summary>The documents step of the workflow: its services and its HTTP routes (docs/documents.md).</summary>
public static class DocumentsRegistration
{
    public static IServiceCollection AddDocumentsWorkflow(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<DocumentsOptions>().BindConfiguration(DocumentsOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DocumentsOptions>, DocumentsOptionsValidator>());
        services.TryAddSingleton(DocumentChecklist.Embedded);
        services.TryAddSingleton(PacketLinkKeySource.Resolve);
        services.TryAddSingleton<PacketLinks>();
        services.TryAddSingleton<PacketAssembler>();
        services.TryAddSingleton<PacketLinkIssuer>();
        services.TryAddSingleton<DocumentsProgress>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, DocumentsCheckHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageHandler, DocumentsReceivedHandler>());
        services.TryAddScoped<DocumentsApi>();
        services.TryAddScoped<PacketApi>();
        return services;
    }

    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(
                "/api/referrals/{referralId}/documents",
                (HttpRequest request, string referralId, [FromServices] DocumentsApi api, CancellationToken cancellationToken) =>
                    api.UploadAsync(request, referralId, cancellationToken))
            .WithName("UploadReferralDocuments")
            .DisableAntiforgery();
        app.MapGet(
                "/api/packets/{token}",
                (HttpRequest request, string token, [FromServices] PacketApi api, CancellationToken cancellationToken) =>
                    api.DownloadAsync(request, token, cancellationToken))
            .WithName("DownloadPacket");
        app.MapPost(
                "/api/ops/referrals/{referralId}/packet-link",
                (HttpRequest request, string referralId, [FromServices] PacketApi api, CancellationToken cancellationToken) =>
                    api.ReissueAsync(request, referralId, cancellationToken))
            .WithName("OpsIssuePacketLink");
        return app;
    }
}
