using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Sftp;

/// <summary>
/// Refuses to start with an SFTP configuration that cannot work. Every message names the partner and the key
/// (<c>partner 'acme': sftp.hostKeySha256 …</c>) and never quotes a password, a passphrase or a key.
/// </summary>
public sealed class SftpOptionsValidator : IValidateOptions<SftpOptions>
{
    private static readonly TimeSpan ShortestPollInterval = TimeSpan.FromSeconds(1);

    public ValidateOptionsResult Validate(string? name, SftpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Problems(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static IReadOnlyList<string> Problems(SftpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.LeaseDuration < TimeSpan.FromSeconds(3))
        {
            failures.Add("sftp lease duration must be at least 3 seconds.");
        }

        for (var index = 0; index < options.Partners.Count; index++)
        {
            var entry = options.Partners[index];
            if (entry.Sftp is not null)
            {
                var label = string.IsNullOrWhiteSpace(entry.Id) ? $"partners[{index}]" : $"partner '{entry.Id}'";
                ValidatePartner(label, entry, failures);
            }
        }

        return failures;
    }

    private static void ValidatePartner(string label, SftpPartnerEntry entry, List<string> failures)
    {
        var sftp = entry.Sftp!;
        if (string.IsNullOrWhiteSpace(entry.Id))
        {
            failures.Add($"{label}: id is required.");
        }

        if (string.IsNullOrWhiteSpace(sftp.Host))
        {
            failures.Add($"{label}: sftp.host is required.");
        }

        if (sftp.Port is < 1 or > 65535)
        {
            failures.Add($"{label}: sftp.port must be between 1 and 65535.");
        }

        if (string.IsNullOrWhiteSpace(sftp.Username))
        {
            failures.Add($"{label}: sftp.username is required.");
        }

        ValidateCredentials(label, sftp, failures);

        if (string.IsNullOrWhiteSpace(sftp.HostKeySha256))
        {
            failures.Add($"{label}: sftp.hostKeySha256 is required (the server's fingerprint as 'ssh-keygen -lf' prints it, SHA256:...).");
        }
        else if (HostKeyFingerprint.Normalize(sftp.HostKeySha256) is null)
        {
            failures.Add($"{label}: sftp.hostKeySha256 is not a SHA-256 fingerprint (expected SHA256: followed by 43 base64 characters).");
        }

        ValidateFolders(label, sftp, failures);

        if (sftp.PollInterval < ShortestPollInterval)
        {
            failures.Add($"{label}: sftp.pollInterval must be at least 1 second.");
        }

        if (sftp.StableFor < TimeSpan.Zero)
        {
            failures.Add($"{label}: sftp.stableFor must not be negative.");
        }

        if (sftp.FilePatterns is not null && sftp.FilePatterns.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{label}: sftp.filePatterns must not contain an empty pattern.");
        }

        foreach (var problem in entry.Csv?.Validate() ?? [])
        {
            failures.Add($"{label}: csv: {problem}");
        }
    }

    private static void ValidateCredentials(string label, SftpPartnerOptions sftp, List<string> failures)
    {
        var hasKey = !string.IsNullOrWhiteSpace(sftp.PrivateKeyFile);
        var hasPassword = !string.IsNullOrEmpty(sftp.Password);
        if (hasKey == hasPassword)
        {
            failures.Add($"{label}: exactly one of sftp.privateKeyFile and sftp.password is required.");
        }
        else if (hasKey && !File.Exists(sftp.PrivateKeyFile))
        {
            failures.Add($"{label}: sftp.privateKeyFile names no readable file.");
        }
    }

    private static void ValidateFolders(string label, SftpPartnerOptions sftp, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(sftp.InboundFolder))
        {
            failures.Add($"{label}: sftp.inboundFolder is required.");
            return;
        }

        var folders = SftpFolders.From(sftp);
        foreach (var (key, path) in new[]
        {
            ("processingFolder", folders.Processing),
            ("archiveFolder", folders.Archive),
            ("errorFolder", folders.Error),
        })
        {
            if (path == folders.Inbound)
            {
                failures.Add($"{label}: sftp.{key} must differ from sftp.inboundFolder, or files would be taken again.");
            }
        }

        if (folders.Processing == folders.Archive || folders.Processing == folders.Error)
        {
            failures.Add($"{label}: sftp.processingFolder must differ from sftp.archiveFolder and sftp.errorFolder.");
        }
    }
}
