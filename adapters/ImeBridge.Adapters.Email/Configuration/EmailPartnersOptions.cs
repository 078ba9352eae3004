using System.Diagnostics.CodeAnalysis;

namespace ImeBridge.Adapters.Email.Configuration;

/// <summary>The configuration's <c>partners</c> array as the email channel reads it.</summary>
public sealed class EmailPartnersOptions
{
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Bound from configuration.")]
    [SuppressMessage("Design", "CA1002:Do not expose generic lists", Justification = "Bound from configuration.")]
    public List<EmailPartnerEntry> Partners { get; set; } = [];
}
