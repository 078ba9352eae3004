using System.Diagnostics.CodeAnalysis;

namespace ImeBridge.Adapters.Sftp;

/// <summary>
/// The SFTP channel's settings. <see cref="Partners"/> is bound from the configuration's <c>partners</c> array;
/// the rest is set in code (see <see cref="SftpServiceCollectionExtensions.AddImeBridgeSftp(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration, Action{SftpOptions}?)"/>).
/// </summary>
public sealed class SftpOptions
{
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromMinutes(5);

    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Bound from configuration.")]
    [SuppressMessage("Design", "CA1002:Do not expose generic lists", Justification = "Bound from configuration.")]
    public List<SftpPartnerEntry> Partners { get; set; } = [];

    /// <summary>How long one poll holds <c>sftp:{partnerId}</c>; renewed every third of it while the poll runs.</summary>
    public TimeSpan LeaseDuration { get; set; } = DefaultLeaseDuration;

    /// <summary>Local folder for downloads and ack files in the making (readable by this user only); <c>serve</c> uses
    /// <c>&lt;data&gt;/work/sftp</c>; a folder under the system temp folder when null.</summary>
    public string? WorkFolder { get; set; }

    /// <summary>The entries that deliver by SFTP.</summary>
    public IEnumerable<SftpPartnerEntry> SftpPartners => Partners.Where(p => p.Sftp is not null && !string.IsNullOrWhiteSpace(p.Id));
}
