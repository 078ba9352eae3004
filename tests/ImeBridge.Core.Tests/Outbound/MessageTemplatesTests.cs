using ImeBridge.Core.Outbound;
using ImeBridge.Core.Outbound.Templates;
using ImeBridge.Core.Outbound.Templates.Models;

namespace ImeBridge.Core.Tests.Outbound;

public sealed class MessageTemplatesTests
{
    private static readonly FluidMessageTemplates Templates = new();

    public static readonly string[] SmsTemplates =
    [
        "appointment-notice", "appointment-reminder", "appointment-changed", "appointment-cancelled", "confirmation-received",
        "reschedule-requested", "no-show-followup", "late-cancellation", "help",
    ];

    public static readonly string[] EmailTemplates = ["appointment-letter", "appointment-reminder", "referrer-notice", "expert-packet-link", "report-delivery-notice"];

    public static TheoryData<string, string> SmsCases => Cases(SmsTemplates);
    public static TheoryData<string, string> EmailCases => Cases(EmailTemplates);

    private static TheoryData<string, string> Cases(string[] names)
    {
        var data = new TheoryData<string, string>();
        foreach (var name in names)
        {
            data.Add(name, "en");
            data.Add(name, "es");
        }

        return data;
    }

    /// <summary>A long but real-looking appointment: the longest office names and addresses we expect.</summary>
    internal static AppointmentMessageModel Appointment(string officeName = "Northside Orthopedic & Spine Evaluation Center") => new()
    {
        LocalDate = new DateOnly(2026, 12, 9),
        LocalTime = new TimeOnly(10, 30),
        TimeZoneAbbreviation = "EST",
        OfficeName = officeName,
        OfficeAddress = "12345 Martin Luther King Jr Boulevard, Suite 1200, Fort Lauderdale, FL 33301",
        Directions = "Free parking in the garage on 3rd Avenue; take the east elevators to the 12th floor.",
        HelpPhone = "(954) 555-0123",
        InterpreterNeeded = true,
        DaysAway = 3,
    };

    private static object ModelFor(string name) => name switch
    {
        "referrer-notice" => new ReferrerNoticeModel { ReferralId = "ref-01J9Z", ExternalId = "ACME-7781", Status = "Scheduled", ChangedOn = new DateOnly(2026, 12, 1), Link = "https://partner.example/referrals/ACME-7781" },
        "expert-packet-link" => new PacketLinkModel { ReferralId = "ref-01J9Z", Url = "https://imebridge.example/p/abc123", ExpiresOnDate = new DateOnly(2026, 12, 15), ExpiresAtTime = new TimeOnly(17, 0), TimeZoneAbbreviation = "EST" },
        "report-delivery-notice" => new ReportNoticeModel { ReferralId = "ref-01J9Z", ClaimNumber = "WC-2026-004411", Url = "https://imebridge.example/r/def456", ExpiresOnDate = new DateOnly(2026, 12, 22), ExpiresAtTime = new TimeOnly(17, 0), TimeZoneAbbreviation = "EST" },
        _ => Appointment(),
    };

    [Theory]
    [MemberData(nameof(SmsCases))]
    public void Every_sms_renders_in_english_and_spanish_within_three_segments(string name, string language)
    {
        var message = Templates.Render(name, OutboundChannels.Sms, language, Appointment());

        Assert.Equal(language, message.Language);
        Assert.Null(message.Subject);
        Assert.Null(message.Html);
        Assert.DoesNotContain("{", message.Text);
        Assert.True(SmsSegments.IsGsm7(message.Text), $"{name}.{language} is not GSM-7");
        Assert.InRange(SmsSegments.Count(message.Text), 1, 3);
        Assert.Contains(language == "es" ? "Responda STOP para no recibir mensajes" : "Reply STOP to opt out", message.Text);
    }

    [Fact]
    public void The_sms_notice_says_when_where_what_to_bring_and_how_to_answer()
    {
        var en = Templates.Render("appointment-notice", OutboundChannels.Sms, "en", Appointment()).Text;
        var es = Templates.Render("appointment-notice", OutboundChannels.Sms, "es", Appointment()).Text;

        Assert.Contains("Wednesday, December 9, 2026 at 10:30 AM EST", en);
        Assert.Contains("Fort Lauderdale", en);
        Assert.Contains("photo ID", en);
        Assert.Contains("Reply C to confirm or R to reschedule", en);
        Assert.Contains("miércoles, 9 de diciembre de 2026 a las 10:30 a. m. EST", es);
        Assert.Contains("identificacion con foto", es); // folded to GSM-7
    }

    [Theory]
    [InlineData(0, "today", "hoy")]
    [InlineData(1, "tomorrow", "mañana")]
    [InlineData(7, "in 7 days", "en 7 dias")]
    public void The_reminder_says_when(int daysAway, string english, string spanish)
    {
        var model = Appointment();
        model.DaysAway = daysAway;

        Assert.Contains($"is {english},", Templates.Render("appointment-reminder", OutboundChannels.Sms, "en", model).Text);
        Assert.Contains($"es {spanish},", Templates.Render("appointment-reminder", OutboundChannels.Sms, "es", model).Text);
    }

    [Theory]
    [MemberData(nameof(EmailCases))]
    public void Every_email_renders_subject_text_and_html_in_english_and_spanish(string name, string language)
    {
        var message = Templates.Render(name, OutboundChannels.Email, language, ModelFor(name));

        Assert.Equal(language, message.Language);
        Assert.False(string.IsNullOrWhiteSpace(message.Subject));
        Assert.DoesNotContain("\n", message.Subject);
        Assert.DoesNotContain("{", message.Text);
        Assert.StartsWith("<!DOCTYPE html>", message.Html);
        Assert.Contains($"lang=\"{language}\"", message.Html);
    }

    [Fact]
    public void The_letter_carries_the_instructions_and_the_interpreter_line_only_when_needed()
    {
        var model = Appointment();
        var letter = Templates.Render("appointment-letter", OutboundChannels.Email, "en", model);

        Assert.Contains("Wednesday, December 9, 2026 at 10:30 AM EST", letter.Text);
        Assert.Contains("- A list of the medications you take now", letter.Text);
        Assert.Contains("- This appointment letter", letter.Text);
        Assert.Contains("Free parking in the garage", letter.Text);
        Assert.Contains("An interpreter will be at your appointment", letter.Text);
        Assert.Contains("reply C", letter.Text);

        model.InterpreterNeeded = false;
        Assert.DoesNotContain("interpreter", Templates.Render("appointment-letter", OutboundChannels.Email, "en", model).Text);
        Assert.Contains("Habrá un intérprete", Templates.Render("appointment-letter", OutboundChannels.Email, "es", Appointment()).Html);
    }

    [Fact]
    public void Model_values_are_html_encoded_in_the_html_part_and_left_alone_in_text()
    {
        var letter = Templates.Render("appointment-letter", OutboundChannels.Email, "en", Appointment("<b>Clinic</b> & Co"));

        Assert.Contains("&lt;b&gt;Clinic&lt;/b&gt; &amp; Co", letter.Html);
        Assert.DoesNotContain("<b>Clinic", letter.Html);
        Assert.Contains("<b>Clinic</b> & Co", letter.Text);
    }

    [Fact]
    public void The_referrer_and_report_notices_name_ids_only()
    {
        var report = Templates.Render("report-delivery-notice", OutboundChannels.Email, "en", ModelFor("report-delivery-notice"));
        Assert.Contains("referral ref-01J9Z, claim WC-2026-004411", report.Subject);
        Assert.Contains("https://imebridge.example/r/def456", report.Text);
        Assert.Contains("expires on Tuesday, December 22, 2026 at 5:00 PM EST", report.Text);

        var notice = Templates.Render("referrer-notice", OutboundChannels.Email, "es", ModelFor("referrer-notice"));
        Assert.Contains("ref-01J9Z", notice.Text);
        Assert.Contains("ACME-7781", notice.Text);
        Assert.Contains("martes, 1 de diciembre de 2026", notice.Text);
    }

    [Theory]
    [InlineData("es-MX", "es")]
    [InlineData("es-US", "es")]
    [InlineData("ES", "es")]
    [InlineData("fr", "en")]
    [InlineData(null, "en")]
    public void A_language_falls_back_to_its_base_then_english(string? requested, string rendered)
    {
        Assert.Equal(rendered, Templates.Render("appointment-notice", OutboundChannels.Sms, requested, Appointment()).Language);
    }

    [Fact]
    public void An_unknown_template_is_refused_by_name()
    {
        var ex = Assert.Throws<MessageTemplateException>(() => Templates.Render("appointment-poem", OutboundChannels.Sms, "en", Appointment()));

        Assert.Contains("appointment-poem", ex.Message);
        Assert.Equal("appointment-poem", ex.TemplateName);
    }

    [Fact]
    public void A_model_without_the_templates_values_fails_naming_the_template_not_the_values()
    {
        var ex = Assert.Throws<MessageTemplateException>(() =>
            Templates.Render("appointment-letter", OutboundChannels.Email, "en", ModelFor("report-delivery-notice")));

        Assert.Contains("appointment-letter", ex.Message);
        Assert.DoesNotContain("WC-2026-004411", ex.ToString());
        Assert.DoesNotContain("def456", ex.ToString());
    }

    [Fact]
    public void The_library_has_every_template_in_english_and_spanish()
    {
        Assert.Equal(SmsTemplates.Order(StringComparer.Ordinal), Templates.TemplateNames(OutboundChannels.Sms));
        Assert.Equal(EmailTemplates.Order(StringComparer.Ordinal), Templates.TemplateNames(OutboundChannels.Email));
    }
}
