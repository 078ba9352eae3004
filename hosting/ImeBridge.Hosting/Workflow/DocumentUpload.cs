using ImeBridge.Core.Workflow.Documents;
using Microsoft.AspNetCore.Http;

namespace ImeBridge.Hosting.Workflow;

/// <summary>One file of an upload, checked: its kind (the form field's name), declared type and size.</summary>
internal sealed record DocumentUploadFile(string Kind, string FileName, string ContentType, IFormFile File);

/// <summary>
/// Reads the files of a <c>POST /api/referrals/{id}/documents</c> form: each file part is named by its kind
/// (<c>medicalRecords</c>, <c>imaging</c>, …), is not empty, and its bytes fit its declared type. Every problem is
/// collected under the field that has it, so one answer lists them all.
/// </summary>
internal static class DocumentUpload
{
    public const string FilesField = "files";

    public static async Task<(IReadOnlyList<DocumentUploadFile> Files, Dictionary<string, string[]> Errors)> CheckAsync(
        IFormCollection form,
        int maxFiles,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var files = new List<DocumentUploadFile>();
        if (form.Files.Count == 0)
        {
            Add(errors, FilesField, "Send at least one file, in a form part named by its kind.");
        }
        else if (form.Files.Count > maxFiles)
        {
            Add(errors, FilesField, $"Send at most {maxFiles} files at a time.");
        }

        foreach (var file in form.Files)
        {
            var field = string.IsNullOrEmpty(file.Name) ? FilesField : file.Name;
            if (!DocumentKinds.IsKnown(file.Name))
            {
                Add(errors, field, $"'{Clip(file.Name)}' is not a document kind; name the part by one of: {string.Join(", ", DocumentKinds.All)}.");
                continue;
            }

            if (file.Length == 0)
            {
                Add(errors, field, "The file is empty.");
                continue;
            }

            var mediaType = DocumentContentTypes.Normalize(file.ContentType);
            if (mediaType is null)
            {
                Add(errors, field, $"Content type '{Clip(file.ContentType)}' is not accepted; send one of: {string.Join(", ", DocumentContentTypes.Allowed)}.");
                continue;
            }

            if (!DocumentContentTypes.Matches(mediaType, await HeaderAsync(file, cancellationToken)))
            {
                Add(errors, field, $"The file's content is not {mediaType}, as its content type says.");
                continue;
            }

            files.Add(new DocumentUploadFile(file.Name, file.FileName, mediaType, file));
        }

        return (files, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }

    private static async Task<byte[]> HeaderAsync(IFormFile file, CancellationToken cancellationToken)
    {
        var header = new byte[Math.Min(DocumentContentTypes.HeaderLength, file.Length)];
        await using var stream = file.OpenReadStream();
        await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        return header;
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string reason)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(reason);
    }

    // What the client sent, echoed back to it only, and kept short.
    private static string Clip(string? value) => value is null ? "" : value.Length <= 80 ? value : value[..80] + "…";
}
