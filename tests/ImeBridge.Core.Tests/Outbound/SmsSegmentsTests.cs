using ImeBridge.Core.Outbound.Templates;

namespace ImeBridge.Core.Tests.Outbound;

public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData(160, 'a', 1)]
    [InlineData(161, 'a', 2)]
    [InlineData(306, 'a', 2)]
    [InlineData(307, 'a', 3)]
    [InlineData(70, 'á', 1)]
    [InlineData(71, 'á', 2)]
    [InlineData(134, 'á', 2)]
    [InlineData(135, 'á', 3)]
    [InlineData(80, '€', 1)]
    [InlineData(81, '€', 2)]
    public void Counts_gsm7_and_ucs2_segments(int length, char fill, int segments)
    {
        Assert.Equal(segments, SmsSegments.Count(new string(fill, length)));
    }

    [Fact]
    public void Folding_keeps_spanish_in_gsm7()
    {
        const string text = "Recordatorio: su cita es mañana, miércoles; traiga su identificación y “lentes”.";

        Assert.False(SmsSegments.IsGsm7(text));
        var folded = GsmText.Fold(text);
        Assert.True(SmsSegments.IsGsm7(folded));
        Assert.Equal("Recordatorio: su cita es mañana, miércoles; traiga su identificacion y \"lentes\".", folded);
    }
}
