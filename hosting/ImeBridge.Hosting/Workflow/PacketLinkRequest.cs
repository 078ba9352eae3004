using System.Text.Json;
using ImeBridge.Core.Json;
using Microsoft.AspNetCore.Http;

namespace ImeBridge.Hosting.Workflow;

/// <summary>The body of an operator's packet-link re-issue: <c>{"operator": NAME}</c>.</summary>
public sealed record PacketLinkRequest(string? Operator)
{
    /// <summary>The body, or null when it is missing or not that JSON.</summary>
    public static async Task<PacketLinkRequest?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await JsonSerializer.DeserializeAsync<PacketLinkRequest>(request.Body, ReferralJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
