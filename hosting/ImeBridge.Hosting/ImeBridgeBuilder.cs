using ImeBridge.Adapters.LocalFiles;
using ImeBridge.Adapters.Sqlite;
using ImeBridge.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ImeBridge.Hosting;

/// <summary>Chooses where state, queue and documents live. Returned by <see cref="ImeBridgeHostBuilderExtensions.AddImeBridge"/>.</summary>
public sealed class ImeBridgeBuilder
{
    public const string DatabaseFileName = "imebridge.db";
    public const string DocumentsFolderName = "documents";

    internal ImeBridgeBuilder(IHostApplicationBuilder host)
    {
        Host = host;
    }

    public IHostApplicationBuilder Host { get; }

    /// <summary>
    /// The embedded default: SQLite state and durable queue at <c>&lt;dir&gt;/imebridge.db</c>, original documents
    /// under <c>&lt;dir&gt;/documents</c>, and the <see cref="QueuePump"/> that dispatches queued messages.
    /// </summary>
    public ImeBridgeBuilder UseEmbedded(string dataDirectory) => UseEmbedded(dataDirectory, runQueuePump: true);

    /// <summary>
    /// As <see cref="UseEmbedded(string)"/>; with <paramref name="runQueuePump"/> false no <see cref="QueuePump"/> is
    /// started, for a short-lived tool (an operator command) that only writes: the messages it emits stay queued in
    /// the shared database for the running server to dispatch.
    /// </summary>
    public ImeBridgeBuilder UseEmbedded(string dataDirectory, bool runQueuePump)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var root = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(root);
        Host.Services.AddImeBridgeSqlite(Path.Combine(root, DatabaseFileName));
        Host.Services.AddImeBridgeLocalDocuments(Path.Combine(root, DocumentsFolderName));
        if (runQueuePump)
        {
            Host.Services.AddHostedService<QueuePump>();
        }

        return this;
    }
}
