namespace ImeBridge.Core.Experts;

/// <summary>What <see cref="Ports.IExpertDirectory.ListAsync"/> narrows by; every null criterion matches everything.</summary>
/// <param name="SpecialtyCode">A NUCC taxonomy code the expert must have.</param>
/// <param name="LicensedState">A two-letter state the expert must be licensed in.</param>
/// <param name="Active">Only active (true) or only inactive (false) experts.</param>
public sealed record ExpertFilter(string? SpecialtyCode = null, string? LicensedState = null, bool? Active = null)
{
    /// <summary>Every expert.</summary>
    public static ExpertFilter All { get; } = new();
}
