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
    public ImeBridgeBuilder UseEmbedded(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var root = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(root);
        Host.Services.AddImeBridgeSqlite(Path.Combine(root, DatabaseFileName));
        Host.Services.AddImeBridgeLocalDocuments(Path.Combine(root, DocumentsFolderName));
        Host.Services.AddHostedService<QueuePump>();
        return this;
    }
}
