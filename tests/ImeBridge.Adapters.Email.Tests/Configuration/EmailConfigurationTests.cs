using ImeBridge.Adapters.Email.Imap;
using ImeBridge.Adapters.Email.Intake;
using ImeBridge.Adapters.Email.Tests.Support;
using ImeBridge.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Email.Tests.Configuration;

/// <summary>Start-up refuses an email configuration that cannot work, saying which key and why, never quoting a secret or an address.</summary>
public sealed class EmailConfigurationTests
{
    [Fact]
    public async Task Without_a_mailbox_nothing_polls_and_the_handler_is_registered()
    {
        await using var harness = await EmailHarness.StartAsync();

        Assert.Null(harness.Services.GetService<ImapMailboxPoller>());
        Assert.Contains(harness.Services.GetServices<IMessageHandler>(), h => h is EmailReceivedHandler && h.MessageType == "EmailReceived");
    }

    [Fact]
    public void With_a_mailbox_the_poller_and_its_background_service_are_registered()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["mailbox:host"] = "imap.example.com", ["mailbox:username"] = "u", ["mailbox:password"] = "p" })
            .Build();

        services.AddImeBridgeEmail(configuration);

        Assert.Contains(services, d => d.ServiceType == typeof(ImapMailboxPoller));
        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ImapPollingService));
    }

    [Theory]
    [InlineData("mailbox:useTls", "false", "mailbox.useTls may be false only for a mailbox on this machine")]
    [InlineData("mailbox:processedFolder", "INBOX", "mailbox.processedFolder must not be INBOX")]
    [InlineData("mailbox:pollInterval", "00:00:01", "mailbox.pollInterval must be between")]
    [InlineData("mailbox:password", "", "mailbox.password is required")]
    public async Task A_mailbox_that_cannot_work_stops_start_up_naming_the_key(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["mailbox:host"] = "imap.example.com",
            ["mailbox:username"] = "referrals",
            ["mailbox:password"] = "s3cret-mailbox-password",
            [key] = value,
        };

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => EmailHarness.StartAsync(settings));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-mailbox-password", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sender_listed_for_two_partners_stops_start_up_without_quoting_the_address()
    {
        var settings = new Dictionary<string, string?> { ["partners:1:email:senders:1"] = TestPartners.AcmeSender };

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => EmailHarness.StartAsync(settings));

        Assert.Contains("partner 'globex-tpa': email.senders[1] is also listed by partner 'acme-insurance'", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestPartners.AcmeSender, failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("partners:1:email:senders:1", "not an address", "email.senders[1] is not a plain email address")]
    [InlineData("partners:1:email:domains:0", "someone@globex.example", "email.domains[0] is not a domain name")]
    [InlineData("inboundEmail:secret", "short", "inboundEmail.secret must be at least 24 characters")]
    public async Task Other_email_settings_that_cannot_work_stop_start_up(string key, string value, string expected)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => EmailHarness.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }
}
