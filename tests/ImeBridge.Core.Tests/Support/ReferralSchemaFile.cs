using Json.Schema;

namespace ImeBridge.Core.Tests.Support;

/// <summary>schemas/referral.v1.schema.json loaded from the file, independently of the copy embedded in Core.</summary>
internal static class ReferralSchemaFile
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "schemas", "referral.v1.schema.json");

    public static JsonSchema Load() =>
        JsonSchema.FromText(File.ReadAllText(Path), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
}
