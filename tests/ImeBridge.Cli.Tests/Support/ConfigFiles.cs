namespace ImeBridge.Cli.Tests.Support;

/// <summary>Configuration files in CONTRACT.md's shape.</summary>
internal static class ConfigFiles
{
    public const string AcmeId = "acme-insurance";
    public const string AcmeSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string AcmeToken = "acme-read-token";

    public const string Acme = """
        {
          "partners": [
            {
              "id": "acme-insurance",
              "kind": "insurer",
              "name": "Acme Insurance Co.",
              "webhookSecret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
              "apiToken": "acme-read-token"
            }
          ]
        }
        """;

    public static async Task<string> WriteAcmeAsync(TempDirectory folder) => await WriteAsync(folder, "imebridge.json", Acme);

    public static async Task<string> WriteAsync(TempDirectory folder, string name, string content)
    {
        var path = folder.File(name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
