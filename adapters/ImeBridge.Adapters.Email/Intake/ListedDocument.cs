namespace ImeBridge.Adapters.Email.Intake;

/// <summary>One entry of a referral's <c>documents</c>: a file of the email, kept in the document store.</summary>
internal sealed record ListedDocument(string Kind, string FileName, string ContentType, long Size, string Sha256, string StoreRef, string? Description = null);
