namespace ImeBridge.Adapters.Twilio.Tests;

public sealed class SmsKeywordsTests
{
    [Theory]
    [InlineData("STOP", SmsKeywordClass.OptOut)]
    [InlineData("  stop  ", SmsKeywordClass.OptOut)]
    [InlineData("Stop.", SmsKeywordClass.OptOut)]
    [InlineData("STOP ALL", SmsKeywordClass.OptOut)]
    [InlineData("stopall", SmsKeywordClass.OptOut)]
    [InlineData("Unsubscribe!", SmsKeywordClass.OptOut)]
    [InlineData("cancel", SmsKeywordClass.OptOut)]
    [InlineData("END", SmsKeywordClass.OptOut)]
    [InlineData("quit", SmsKeywordClass.OptOut)]
    [InlineData("Revoke", SmsKeywordClass.OptOut)]
    [InlineData("opt-out", SmsKeywordClass.OptOut)]
    [InlineData("OPTOUT", SmsKeywordClass.OptOut)]
    [InlineData("¡Alto!", SmsKeywordClass.OptOut)]
    [InlineData("parar", SmsKeywordClass.OptOut)]
    [InlineData("START", SmsKeywordClass.OptIn)]
    [InlineData("unstop", SmsKeywordClass.OptIn)]
    [InlineData("HELP", SmsKeywordClass.Help)]
    [InlineData("info?", SmsKeywordClass.Help)]
    [InlineData("Ayuda", SmsKeywordClass.Help)]
    [InlineData("YES", SmsKeywordClass.Confirm)]
    [InlineData("y", SmsKeywordClass.Confirm)]
    [InlineData("C", SmsKeywordClass.Confirm)]
    [InlineData("Confirm.", SmsKeywordClass.Confirm)]
    [InlineData("sí", SmsKeywordClass.Confirm)]
    [InlineData("SI", SmsKeywordClass.Confirm)]
    [InlineData("r", SmsKeywordClass.Reschedule)]
    [InlineData("Reschedule", SmsKeywordClass.Reschedule)]
    [InlineData("reprogramar", SmsKeywordClass.Reschedule)]
    [InlineData("I will be late", SmsKeywordClass.Unknown)]
    [InlineData("stop texting me please", SmsKeywordClass.Unknown)]
    [InlineData("", SmsKeywordClass.Unknown)]
    public void Reply_is_classified_for_a_number_that_is_not_opted_out(string text, SmsKeywordClass expected)
    {
        Assert.Equal(expected, SmsKeywords.Embedded.Classify(text, optedOut: false));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("Sí")]
    public void Yes_opts_back_in_only_when_the_number_is_opted_out(string text)
    {
        Assert.Equal(SmsKeywordClass.OptIn, SmsKeywords.Embedded.Classify(text, optedOut: true));
        Assert.Equal(SmsKeywordClass.Confirm, SmsKeywords.Embedded.Classify(text, optedOut: false));
    }

    [Fact]
    public void Replies_exist_in_English_and_Spanish_and_unknown_languages_get_English()
    {
        Assert.Contains("STOP", SmsReplies.Embedded.For("en").Help, StringComparison.Ordinal);
        Assert.Contains("ALTO", SmsReplies.Embedded.For("es").Help, StringComparison.Ordinal);
        Assert.Equal(SmsReplies.Embedded.For("en"), SmsReplies.Embedded.For("fr"));
        Assert.Equal(SmsReplies.Embedded.For("es"), SmsReplies.Embedded.For("es-US"));
    }
}
