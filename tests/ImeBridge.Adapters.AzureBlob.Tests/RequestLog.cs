using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ImeBridge.Adapters.AzureBlob.Tests;

/// <summary>Records each request a client sends (method and path with query), to see what went over the wire.</summary>
public sealed class RequestLog : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> requests = new();

    /// <summary>Runs before each request is sent; a test uses it to act between two requests of the store.</summary>
    public Action<HttpMessage>? BeforeSending { get; set; }

    public IReadOnlyList<string> Requests => [.. requests];

    /// <summary>Requests that carried document bytes: a whole blob, a block, or a block list.</summary>
    public IReadOnlyList<string> Uploads => [.. requests.Where(r => r.StartsWith("PUT ", StringComparison.Ordinal) && !r.Contains("restype=container", StringComparison.Ordinal))];

    public void Clear() => requests.Clear();

    public override void OnSendingRequest(HttpMessage message)
    {
        requests.Enqueue($"{message.Request.Method} {message.Request.Uri.Path}{message.Request.Uri.Query}");
        BeforeSending?.Invoke(message);
    }
}
