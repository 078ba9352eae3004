using ImeBridge.Core.Workflow.Documents;
using Microsoft.Extensions.Options;

namespace ImeBridge.Hosting.Workflow;

/// <summary>Refuses to start with a <c>documents</c> section that cannot work; never quotes the key.</summary>
public sealed class DocumentsOptionsValidator : IValidateOptions<DocumentsOptions>
{
    /// <summary>The longest a packet link may live: a bearer link to medical records must not be forever.</summary>
    public static readonly TimeSpan MaximumLinkLifetime = TimeSpan.FromDays(90);

    public ValidateOptionsResult Validate(string? name, DocumentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.LinkLifetime <= TimeSpan.Zero || options.LinkLifetime > MaximumLinkLifetime)
        {
            failures.Add($"documents:linkLifetime must be more than zero and at most {MaximumLinkLifetime.TotalDays:0} days.");
        }

        if (options.LinkKey is { } key && PacketLinkKeySource.Decode(key) is null)
        {
            failures.Add($"documents:linkKey must be base64 of at least {PacketLinkKey.MinimumBytes} random bytes.");
        }

        if (options.MaxUploadBytes <= 0)
        {
            failures.Add("documents:maxUploadBytes must be a positive number of bytes.");
        }

        if (options.MaxFilesPerUpload <= 0)
        {
            failures.Add("documents:maxFilesPerUpload must be at least 1.");
        }

        if (options.PublicBaseUrl is { } baseUrl && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            failures.Add("documents:publicBaseUrl must be an absolute http(s) URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
