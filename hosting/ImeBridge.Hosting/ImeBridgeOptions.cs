using System.Diagnostics.CodeAnalysis;

namespace ImeBridge.Hosting;

/// <summary>Bound from the configuration root: <c>partners</c>, <c>includeDemoPartner</c>, <c>maxBodyBytes</c>.</summary>
public sealed class ImeBridgeOptions
{
    public const int DefaultMaxBodyBytes = 1024 * 1024;

    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Bound from configuration.")]
    [SuppressMessage("Design", "CA1002:Do not expose generic lists", Justification = "Bound from configuration.")]
    public List<PartnerOptions> Partners { get; set; } = [];

    /// <summary>Adds <see cref="DemoPartner"/>, whose secrets are public: development only.</summary>
    public bool IncludeDemoPartner { get; set; }

    /// <summary>Bearer token of the operator API (<c>/api/ops</c>); the API answers 404 while it is not set.</summary>
    public string? OperatorToken { get; set; }

    /// <summary>The largest request body accepted, in bytes; larger gets 413.</summary>
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;
}
