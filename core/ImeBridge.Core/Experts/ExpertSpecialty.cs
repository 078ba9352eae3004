namespace ImeBridge.Core.Experts;

/// <summary>A NUCC provider taxonomy code (<c>207X00000X</c>) and its readable name ("Orthopaedic Surgery"), which may be null.</summary>
public sealed record ExpertSpecialty(string Code, string? Name);
