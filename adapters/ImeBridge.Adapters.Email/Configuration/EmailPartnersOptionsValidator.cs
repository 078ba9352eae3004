using Microsoft.Extensions.Options;
using MimeKit;

namespace ImeBridge.Adapters.Email.Configuration;

/// <summary>
/// Refuses sender lists that cannot work or are ambiguous (one address or domain for two partners). Messages name
/// the partner and the position in the list, never the address itself.
/// </summary>
public sealed class EmailPartnersOptionsValidator : IValidateOptions<EmailPartnersOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailPartnersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var senders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var domains = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < options.Partners.Count; index++)
        {
            var entry = options.Partners[index];
            if (entry.Email is null)
            {
                continue;
            }

            var label = string.IsNullOrWhiteSpace(entry.Id) ? $"partners[{index}]" : $"partner '{entry.Id}'";
            if (string.IsNullOrWhiteSpace(entry.Id))
            {
                failures.Add($"{label}: id is required.");
            }

            if (entry.Email.Senders.Count == 0 && entry.Email.Domains.Count == 0)
            {
                failures.Add($"{label}: email needs at least one address in senders or one domain in domains.");
            }

            CheckList(label, "senders", entry.Email.Senders, IsAddress, "is not a plain email address (name@domain)", senders, failures);
            CheckList(label, "domains", entry.Email.Domains, IsDomain, "is not a domain name (acme.example, no '@')", domains, failures);
            if (entry.Csv?.Validate() is { Count: > 0 } csvProblems)
            {
                failures.AddRange(csvProblems.Select(problem => $"{label}: {problem}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckList(
        string label,
        string key,
        List<string> values,
        Func<string, bool> isValid,
        string invalidReason,
        Dictionary<string, string> seen,
        List<string> failures)
    {
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i]?.Trim() ?? "";
            if (!isValid(value))
            {
                failures.Add($"{label}: email.{key}[{i}] {invalidReason}.");
            }
            else if (!seen.TryAdd(value, label))
            {
                failures.Add($"{label}: email.{key}[{i}] is also listed by {seen[value]}; a sender must belong to one partner.");
            }
        }
    }

    private static bool IsAddress(string value) =>
        MailboxAddress.TryParse(value, out var mailbox)
        && string.IsNullOrEmpty(mailbox.Name)
        && mailbox.Address.Equals(value, StringComparison.OrdinalIgnoreCase)
        && value.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
        && at < value.Length - 1;

    private static bool IsDomain(string value) =>
        value.Length is > 2 and <= 253
        && !value.Contains('@', StringComparison.Ordinal)
        && value.Contains('.', StringComparison.Ordinal)
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')
        && !value.StartsWith('.')
        && !value.EndsWith('.');
}
