namespace ImeBridge.Core.Experts;

/// <summary>The group or practice an expert belongs to: experts of one practice share conflicts of interest.</summary>
/// <param name="Id">The practice's own id (a group NPI, a tax id label, anything stable); null when unknown.</param>
/// <param name="Name">The practice's name.</param>
public sealed record ExpertPractice(string? Id, string Name);
