using System.Xml.Linq;

namespace ImeBridge.Adapters.Twilio;

/// <summary>The TwiML answers to an inbound SMS: nothing, or one message back to the sender.</summary>
public static class TwiML
{
    public const string ContentType = "application/xml";

    public static string Empty() => new XDocument(new XElement("Response")).ToString(SaveOptions.DisableFormatting);

    public static string Message(string text) =>
        new XDocument(new XElement("Response", new XElement("Message", text))).ToString(SaveOptions.DisableFormatting);
}
