using ImeBridge.Hosting;
using ImeBridge.Hosting.Engines;

namespace ImeBridge.Cli;

/// <summary>What <c>imebridge serve</c> prints once it listens: addresses, data folder, partners, and how to try it.</summary>
internal static class ServeBanner
{
    public const string ListeningPrefix = "listening on ";

    public static void Print(TextWriter output, IReadOnlyList<string> urls, string dataDirectory, ImeBridgeOptions options, string? configFile, ServeChannels channels)
    {
        output.WriteLine("ImeBridge is running.");
        foreach (var url in urls)
        {
            output.WriteLine($"  {ListeningPrefix}{url}");
        }

        output.WriteLine($"  data in      {dataDirectory} ({ImeBridgeBuilder.DatabaseFileName}, {ImeBridgeBuilder.DocumentsFolderName}/)");
        if (channels.Engines is { IsEmbedded: false } engines)
        {
            // Names only: connection strings and namespaces stay out of the console.
            var documents = engines.BlobDocuments is null ? "local" : "Azure Blob (" + engines.BlobDocuments.Container + ")";
            var bus = engines.Bus == BusEngine.ServiceBus ? "Azure Service Bus (" + engines.ServiceBus!.QueueName + ")" : "in the state database";
            output.WriteLine($"  engines      state {engines.Store.ToString().ToLowerInvariant()}, queue {bus}, documents {documents}");
        }

        var configured = options.Partners.Count == 0 ? "" : $"{options.Partners.Count} from {configFile}: {string.Join(", ", options.Partners.Select(p => p.Id))}";
        var demo = options.IncludeDemoPartner ? DemoPartner.Id + " (built in)" : "";
        output.WriteLine($"  partners     {string.Join(" + ", new[] { demo, configured }.Where(s => s.Length > 0).DefaultIfEmpty("none"))}");
        output.WriteLine($"  sftp         {(channels.SftpPartners.Count == 0 ? "no partner polled" : "polling " + string.Join(", ", channels.SftpPartners))}");
        output.WriteLine($"  email        {(channels.InboundEmail ? "POST /api/email/inbound (SendGrid Inbound Parse)" : "POST /api/email/inbound off (no inboundEmail.secret)")}"
            + (channels.Mailbox is { } mailbox ? $"; polling IMAP {mailbox}" : ""));
        output.WriteLine($"  sms out      {(channels.SmsToOutbox ? "kept in the outbox, not sent (no twilio.accountSid)" : "Twilio")}");
        output.WriteLine($"  email out    {(channels.EmailToOutbox ? "kept in the outbox, not sent (no sendgrid.apiKey)" : "SendGrid")}");
        if (channels.SmsToOutbox || channels.EmailToOutbox)
        {
            output.WriteLine($"  outbox       {Path.Combine(dataDirectory, ImeBridgeBuilder.OutboxFolderName)}");
        }
        if (options.IncludeDemoPartner)
        {
            output.WriteLine("Demo partner (development only: these secrets are public, never use it for real referrals):");
            output.WriteLine($"  id              {DemoPartner.Id}");
            output.WriteLine($"  webhook secret  {DemoPartner.WebhookSecret}");
            output.WriteLine($"  API token       {DemoPartner.ApiToken}");
            var urlOption = urls.Count > 0 && !string.Equals(urls[0], CommonOptions.DefaultServerUrl, StringComparison.OrdinalIgnoreCase)
                ? " --url " + urls[0]
                : "";
            output.WriteLine($"try: imebridge submit samples/webhook/referral.json{urlOption}");
        }

        output.WriteLine("Press Ctrl-C to stop.");
    }
}

/// <summary>The inbound channels a running <c>serve</c> listens on or polls, for its banner.</summary>
/// <param name="Mailbox">The IMAP host polled, or null.</param>
/// <param name="SmsToOutbox">No SMS provider is configured: SMS are written to the outbox, not sent.</param>
/// <param name="EmailToOutbox">No email provider is configured: email is written to the outbox, not sent.</param>
internal sealed record ServeChannels(IReadOnlyList<string> SftpPartners, bool InboundEmail, string? Mailbox, bool SmsToOutbox, bool EmailToOutbox, EngineSettings? Engines = null);
