using ImeBridge.Core.Rules;

namespace ImeBridge.Core.Tests.Rules;

public sealed class QuietHourRulesTests
{
    private static readonly QuietHourRules Rules = QuietHourRules.Embedded;

    [Theory]
    [InlineData("FL", "20:30", true)]
    [InlineData("NY", "20:30", false)]
    [InlineData("OK", "20:00", true)]
    [InlineData("FL", "19:59", false)]
    [InlineData("NY", "21:00", true)]
    [InlineData("NY", "07:59", true)]
    [InlineData("NY", "08:00", false)]
    [InlineData("ZZ", "20:30", false)]
    public void Knows_quiet_hours(string state, string localTime, bool quiet)
    {
        Assert.Equal(quiet, Rules.IsQuietHour(state, TimeOnly.Parse(localTime)));
    }

    [Fact]
    public void Every_window_is_cited()
    {
        Assert.All(Rules.States.Append(Rules.Default), rule => Assert.False(string.IsNullOrWhiteSpace(rule.Citation.Source)));
        Assert.Equal(["FL", "OK"], Rules.States.Select(rule => rule.State).Order());
    }
}
