using Amqp;
using Amqp.Sasl;
using Amqp.Types;

namespace ImeBridge.Testing.ServiceBus.Protocol;

/// <summary>
/// The SASL mechanism the Service Bus client offers (<c>MSSBCBS</c>: "authorisation follows over $cbs").
/// The endpoint accepts it at once; the tokens that follow on <c>$cbs</c> are accepted unread.
/// </summary>
internal sealed class CbsSaslProfile() : SaslProfile(new Symbol(Name))
{
    public const string Name = "MSSBCBS";

    protected override ITransport UpgradeTransport(ITransport transport) => transport;

    protected override DescribedList GetStartCommand(string hostname) => new SaslInit { Mechanism = Name };

    protected override DescribedList OnCommand(DescribedList command) => new SaslOutcome { Code = SaslCode.Ok };
}
