using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ImeBridge.Functions.Tests.Support;

/// <summary>What an <see cref="IResult"/> writes when the worker executes it: status, headers and the JSON body.</summary>
internal sealed record ExecutedResult(int StatusCode, IHeaderDictionary Headers, JsonElement Body)
{
    public static async Task<ExecutedResult> ExecuteAsync(IResult result, HttpRequest request)
    {
        var context = request.HttpContext;
        await result.ExecuteAsync(context);
        var stream = context.Response.Body;
        stream.Position = 0;
        using var json = stream.Length == 0 ? JsonDocument.Parse("null") : await JsonDocument.ParseAsync(stream);
        return new ExecutedResult(context.Response.StatusCode, context.Response.Headers, json.RootElement.Clone());
    }
}
