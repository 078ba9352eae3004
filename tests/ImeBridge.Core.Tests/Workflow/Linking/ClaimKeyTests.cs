using ImeBridge.Core.Model;
using ImeBridge.Core.Workflow.Linking;

namespace ImeBridge.Core.Tests.Workflow.Linking;

/// <summary>The claim key: the same claim and claimant written differently by two channels gives one key; anything else another.</summary>
public sealed class ClaimKeyTests
{
    private static readonly DateOnly Born = new(1981, 7, 14);

    [Theory]
    [InlineData("wc-ny-2026-0048213")]
    [InlineData("WC NY 2026 0048213")]
    [InlineData(" WCNY20260048213 ")]
    [InlineData("WC–NY–2026–0048213")]
    [InlineData("wc/ny.2026_0048213")]
    public void Claim_numbers_that_differ_only_in_case_spaces_and_dashes_give_the_same_key(string written)
    {
        Assert.Equal(ClaimKey.For("WC-NY-2026-0048213", "Okonkwo-Whitfield", Born), ClaimKey.For(written, "Okonkwo-Whitfield", Born));
    }

    [Theory]
    [InlineData("Núñez", "NUNEZ")]
    [InlineData("Nu\u0301n\u0303ez", "núñez")]
    [InlineData("Çelik", "celik")]
    [InlineData("Müller-Lüdenscheidt", "mueller lüdenscheidt", false)]
    [InlineData("Müller-Lüdenscheidt", "muller ludenscheidt")]
    [InlineData("O'Brien", "obrien")]
    [InlineData("Okonkwo-Whitfield", "OKONKWO WHITFIELD")]
    [InlineData("Ðorđević", "ðorđević")]
    public void Last_names_are_compared_without_case_accents_spaces_or_punctuation(string written, string other, bool same = true)
    {
        var key = ClaimKey.For("WC-1", written, Born);
        var otherKey = ClaimKey.For("WC-1", other, Born);

        Assert.Equal(same, key == otherKey);
    }

    [Fact]
    public void A_different_claim_claimant_or_birth_date_gives_a_different_key()
    {
        var key = ClaimKey.For("WC-1", "Nunez", Born);

        Assert.NotEqual(key, ClaimKey.For("WC-2", "Nunez", Born));
        Assert.NotEqual(key, ClaimKey.For("WC-1", "Nuno", Born));
        Assert.NotEqual(key, ClaimKey.For("WC-1", "Nunez", Born.AddDays(1)));
    }

    [Fact]
    public void The_key_is_a_sha256_hash_that_carries_none_of_the_values()
    {
        var key = ClaimKey.For("WC-NY-2026-0048213", "Okonkwo-Whitfield", Born)!;

        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.DoesNotContain("0048213", key, StringComparison.Ordinal);
        Assert.DoesNotContain("1981", key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Nunez", "1981-07-14")]
    [InlineData(" - ", "Nunez", "1981-07-14")]
    [InlineData("WC-1", null, "1981-07-14")]
    [InlineData("WC-1", "'", "1981-07-14")]
    [InlineData("WC-1", "Nunez", null)]
    public void A_referral_without_a_claim_number_last_name_or_birth_date_has_no_key(string? claimNumber, string? lastName, string? born)
    {
        var referral = new Referral
        {
            Claim = new Claim { ClaimNumber = claimNumber },
            Claimant = new Claimant { LastName = lastName, DateOfBirth = born is null ? null : DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture) },
        };

        Assert.Null(ClaimKey.For(referral));
    }

    [Fact]
    public void A_referral_with_all_three_has_the_key_of_its_values()
    {
        var referral = new Referral
        {
            Claim = new Claim { ClaimNumber = "WC-1" },
            Claimant = new Claimant { LastName = "Nunez", DateOfBirth = Born },
        };

        Assert.Equal(ClaimKey.For("wc 1", "NÚÑEZ", Born), ClaimKey.For(referral));
    }
}
