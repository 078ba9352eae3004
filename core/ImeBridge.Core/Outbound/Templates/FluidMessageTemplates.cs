using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;
using ImeBridge.Core.Outbound.Templates.Models;

namespace ImeBridge.Core.Outbound.Templates;

/// <summary>
/// The template library, rendered with Liquid (Fluid). Templates are embedded files under
/// <c>Outbound/Templates/Files/{channel}/</c>: <c>{name}.{lang}.liquid</c> for SMS, and
/// <c>{name}.{lang}.subject.liquid</c>, <c>.text.liquid</c>, <c>.html.liquid</c> for email. All are parsed once, at
/// construction, so a broken file fails at start-up rather than at the first send. Rendering is strict: an unknown
/// variable or filter throws <see cref="MessageTemplateException"/>; HTML parts are HTML-encoded; SMS text is kept
/// to one paragraph in GSM-7 (<see cref="GsmText"/>).
/// </summary>
public sealed partial class FluidMessageTemplates : IMessageTemplates
{
    public const string DefaultLanguage = "en";
    private const string ResourcePrefix = "ImeBridge.Templates/";
    private const string Extension = ".liquid";

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly Dictionary<string, IFluidTemplate> templates = new(StringComparer.Ordinal);
    private readonly TemplateOptions options;

    public FluidMessageTemplates()
    {
        options = new TemplateOptions { StrictFilters = true, Undefined = name => throw new UndefinedValueException(name) };
        // Fluid would turn DateOnly/TimeOnly into invariant strings; keep them whole for the language-aware filters.
        options.ValueConverters.Add(value => value is DateOnly or TimeOnly ? new ObjectValue(value) : null);
        options.MemberAccessStrategy.IgnoreCasing = true;
        options.MemberAccessStrategy.Register<AppointmentMessageModel>();
        options.MemberAccessStrategy.Register<ReferrerNoticeModel>();
        options.MemberAccessStrategy.Register<PacketLinkModel>();
        options.MemberAccessStrategy.Register<ReportNoticeModel>();
        options.Filters.AddFilter("long_date", (input, _, context) => new ValueTask<FluidValue>(new StringValue(LongDate(input, context))));
        options.Filters.AddFilter("time", (input, _, context) => new ValueTask<FluidValue>(new StringValue(Time(input, context))));

        var parser = new FluidParser();
        var assembly = typeof(FluidMessageTemplates).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var key = resource[ResourcePrefix.Length..^Extension.Length].Replace('\\', '/');
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            if (!parser.TryParse(reader.ReadToEnd(), out var template, out var error))
            {
                throw new MessageTemplateException($"template file '{key}{Extension}' does not parse: {error}");
            }

            templates[key] = template;
        }
    }

    /// <summary>The template names of a channel (any language), for previews and checks.</summary>
    public IReadOnlyList<string> TemplateNames(string channel) =>
        [.. templates.Keys
            .Where(k => k.StartsWith(channel + "/", StringComparison.Ordinal))
            .Select(k => k[(channel.Length + 1)..].Split('.')[0])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    public RenderedMessage Render(string templateName, string channel, string? language, object model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templateName);
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentNullException.ThrowIfNull(model);
        var parts = channel switch
        {
            OutboundChannels.Sms => [""],
            OutboundChannels.Email => new[] { ".subject", ".text", ".html" },
            _ => throw new MessageTemplateException(templateName, channel, "no templates exist for this channel"),
        };

        var chosen = Fallbacks(language).FirstOrDefault(lang => parts.All(p => templates.ContainsKey(Key(channel, templateName, lang, p))))
            ?? throw new MessageTemplateException(templateName, channel, "no such template (in the requested language or English)");

        string Part(string part, TextEncoder encoder) => RenderOne(templateName, channel, chosen, part, model, encoder);

        return channel == OutboundChannels.Sms
            ? new RenderedMessage(null, GsmText.Fold(OneLine(Part("", NullEncoder.Default))), null, chosen)
            : new RenderedMessage(OneLine(Part(".subject", NullEncoder.Default)), Paragraphs(Part(".text", NullEncoder.Default)), Part(".html", Html).Trim(), chosen);
    }

    /// <summary><c>es-MX</c> → <c>es-mx</c>, <c>es</c>, <c>en</c>.</summary>
    internal static IEnumerable<string> Fallbacks(string? language)
    {
        var tag = language?.Trim().Replace('_', '-').ToLowerInvariant();
        if (!string.IsNullOrEmpty(tag))
        {
            yield return tag;
            var primary = tag.Split('-')[0];
            if (primary != tag)
            {
                yield return primary;
            }
        }

        yield return DefaultLanguage;
    }

    private string RenderOne(string name, string channel, string language, string part, object model, TextEncoder encoder)
    {
        var context = new TemplateContext(model, options);
        context.SetValue("language", language);
        context.SetValue("bring", Bring(model, language, channel));
        try
        {
            return templates[Key(channel, name, language, part)].Render(context, encoder);
        }
        catch (UndefinedValueException undefined)
        {
            throw new MessageTemplateException(name, channel, $"'{undefined.Name}' is not a value of {model.GetType().Name} ({language}{part})");
        }
        catch (Exception ex) when (ex is not MessageTemplateException)
        {
            // The inner exception is left out on purpose: its message may quote a model value.
            throw new MessageTemplateException(name, channel, $"rendering {language}{part} failed ({ex.GetType().Name})");
        }
    }

    /// <summary>The checklist for the language (SMS short forms in SMS), plus the model's own extra items.</summary>
    private static List<string> Bring(object model, string language, string channel)
    {
        var primary = language.Split('-')[0];
        var extra = model is AppointmentMessageModel appointment ? appointment.WhatToBring : [];
        var standard = channel == OutboundChannels.Sms ? WhatToBringList.ForSms(primary) : WhatToBringList.ForLetter(primary);
        return [.. standard, .. extra];
    }

    private static string Key(string channel, string name, string language, string part) => $"{channel}/{name}.{language}{part}";

    private static string Language(TemplateContext context) => context.GetValue("language").ToStringValue().Split('-')[0];

    private static string LongDate(FluidValue input, TemplateContext context) => input.ToObjectValue() switch
    {
        DateOnly date => MessageDates.LongDate(date, Language(context)),
        DateTime dateTime => MessageDates.LongDate(DateOnly.FromDateTime(dateTime), Language(context)),
        DateTimeOffset instant => MessageDates.LongDate(DateOnly.FromDateTime(instant.DateTime), Language(context)),
        _ => throw new InvalidOperationException("long_date needs a date"),
    };

    private static string Time(FluidValue input, TemplateContext context) => input.ToObjectValue() switch
    {
        TimeOnly time => MessageDates.Time(time, Language(context)),
        DateTime dateTime => MessageDates.Time(TimeOnly.FromDateTime(dateTime), Language(context)),
        DateTimeOffset instant => MessageDates.Time(TimeOnly.FromDateTime(instant.DateTime), Language(context)),
        TimeSpan span => MessageDates.Time(TimeOnly.FromTimeSpan(span), Language(context)),
        _ => throw new InvalidOperationException("time needs a time"),
    };

    private static string OneLine(string text) => Whitespace().Replace(text, " ").Trim();

    private static string Paragraphs(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    private sealed class UndefinedValueException(string name) : Exception
    {
        public string Name { get; } = name;
    }
}
