using System.Buffers;
using System.Text.Json;
using ImeBridge.Core.Json;
using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Validation;

/// <summary>
/// Reads a partner's canonical-JSON referral body into a normalized, validated <see cref="Referral"/>, or
/// explains every problem at once. Steps:
/// <list type="number">
/// <item>parse (malformed JSON: one error at <c>$</c> giving the line and byte, never the content); the body must be an object;</item>
/// <item>refuse the fields ImeBridge assigns: <c>referralId</c>, <c>status</c>, <c>source.receivedAt</c>,
/// <c>source.originalDocument</c>, and <c>source.channel</c> when it names another channel than
/// <see cref="ReferralDefaults.Channel"/> (the same channel is accepted); <c>source.partnerId</c>, when sent,
/// must equal <see cref="ReferralDefaults.PartnerId"/>;</item>
/// <item>fill <c>source.channel</c> / <c>source.partnerId</c>, and <c>referrer.kind</c> / <c>referrer.organization</c>
/// from the partner when absent; move unknown fields (any depth) to <c>extensions</c> under their dotted
/// path; trim, canonicalize enum case, phones to E.164 (see <see cref="ReferralRewriter"/>);</item>
/// <item>validate against schemas/referral.v1.schema.json, collecting every error;</item>
/// <item>deserialize, derive <c>claimant.timeZone</c> from the address's state when absent, and check the
/// business rules (dates against today from the <see cref="TimeProvider"/>, NPI check digit, referrer is not the claimant, …).</item>
/// </list>
/// Reasons never contain a submitted value. Thread-safe; keep one instance.
/// </summary>
public sealed class ReferralReader(TimeProvider time)
{
    /// <summary>Duplicate properties are found by <see cref="DuplicateProperties"/>, at a fraction of the parser's cost.</summary>
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? threadBuffer;

    private readonly ReferralRules rules = new(time);

    public ReferralReadResult Read(ReadOnlyMemory<byte> utf8Json, ReferralDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaults.Channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaults.PartnerId);

        var schema = ReferralSchema.Instance;
        var errors = new ErrorCollector();
        var canonical = RentBuffer(utf8Json.Length);
        JsonDocument body;
        try
        {
            body = JsonDocument.Parse(utf8Json, ParseOptions);
        }
        catch (JsonException malformed)
        {
            return Rejected(FieldPath.Root, MalformedReason(malformed));
        }

        using (body)
        {
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Rejected(FieldPath.Root, "must be a JSON object (the referral)");
            }

            if (DuplicateProperties.FindFirst(body.RootElement) is { } sentTwice)
            {
                return Rejected(sentTwice, SentTwiceReason);
            }

            using var writer = new Utf8JsonWriter(canonical);
            ReferralRewriter.Rewrite(body.RootElement, schema.Shape, defaults, writer, errors);
        }

        using (var candidate = JsonDocument.Parse(canonical.WrittenMemory))
        {
            schema.Validate(candidate.RootElement, errors);
        }

        Referral? referral;
        try
        {
            referral = ReferralJson.Deserialize(canonical.WrittenSpan);
        }
        catch (JsonException unreadable)
        {
            // After a schema failure this is expected and already explained; after a pass, only a value .NET
            // cannot hold (a date in year 0) gets here.
            if (errors.Count == 0)
            {
                errors.Add(FieldPath.FromJsonPath(unreadable.Path), "has a value out of the range ImeBridge can store");
            }

            referral = LenientReferralDeserializer.Deserialize(canonical.WrittenSpan);
        }

        if (referral is null)
        {
            return new ReferralReadResult(null, errors.Errors);
        }

        ReferralNormalizer.DeriveTimeZone(referral.Claimant);
        rules.Check(referral, errors, phonesChecked: true);
        return errors.Count == 0 ? new ReferralReadResult(referral, []) : new ReferralReadResult(null, errors.Errors);
    }

    /// <summary>
    /// One buffer per thread for the canonical candidate: nothing read from it outlives <see cref="Read"/>
    /// (strings are copied, extension values cloned). A buffer grown past 1 MiB is not kept.
    /// </summary>
    private static ArrayBufferWriter<byte> RentBuffer(int bodyLength)
    {
        const int KeepLimit = 1 << 20;
        var buffer = threadBuffer;
        if (buffer is null || buffer.Capacity > KeepLimit)
        {
            buffer = threadBuffer = new ArrayBufferWriter<byte>(Math.Max(bodyLength + 1024, 16 * 1024));
        }

        buffer.ResetWrittenCount();
        return buffer;
    }

    private const string SentTwiceReason = "is sent twice in the same object; send each property once";

    private static string MalformedReason(JsonException malformed) =>
        $"is not valid JSON (line {(malformed.LineNumber ?? 0) + 1}, byte {(malformed.BytePositionInLine ?? 0) + 1})";

    private static ReferralReadResult Rejected(string path, string reason) =>
        new(null, [new FieldError(path, reason)]);
}
