using ImeBridge.Core.Experts;
using ImeBridge.Core.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Hosting;

/// <summary>
/// The expert directory for operators under <c>/api/ops/experts</c> (operator token): the same JSON as
/// <c>imebridge experts import</c> (docs/experts.md), checked the same way (every problem named by row and field,
/// nothing stored while any row is bad unless <c>?partial=true</c>), plus listing, reading and removing one expert.
/// </summary>
public sealed class OpsExpertsApi(IExpertDirectory directory, OperatorAuth auth, ILogger<OpsExpertsApi> logger)
{
    private const int MaxBodyBytes = 16 * 1024 * 1024;
    private const string BodyName = "body";

    /// <summary><c>POST /api/ops/experts[?partial=true]</c> with a JSON array of experts (or one expert): 200 with how many were stored.</summary>
    public async Task<IResult> ImportAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        if (!JsonMediaType.IsJson(request.ContentType))
        {
            return ProblemResults.UnsupportedMediaType("application/json", "Send the experts as a JSON array (or one expert object), as docs/experts.md describes.");
        }

        var body = await BoundedBodyReader.ReadAsync(request.Body, MaxBodyBytes, request.ContentLength, cancellationToken);
        if (body is null)
        {
            return ProblemResults.PayloadTooLarge(MaxBodyBytes);
        }

        using var content = new MemoryStream(AsArray(body));
        var read = await ExpertImport.ReadJsonAsync(content, BodyName, cancellationToken);
        var partial = string.Equals(request.Query["partial"], "true", StringComparison.OrdinalIgnoreCase);
        var outcome = await ExpertImport.ImportAsync(directory, read, partial, cancellationToken);
        logger.LogInformation("Operator expert import: {Imported} stored, {Errors} problems in {Rows} rows", outcome.Imported, outcome.Errors.Count, read.RowCount);
        if (outcome.Imported == 0 && outcome.Errors.Count > 0)
        {
            var errors = outcome.Errors
                .GroupBy(e => e.Row is { } row ? $"[{row}].{e.Column}".TrimEnd('.') : e.Column, StringComparer.Ordinal)
                .ToDictionary(g => g.Key.Length == 0 ? BodyName : g.Key, g => g.Select(e => e.Reason).ToArray(), StringComparer.Ordinal);
            return TypedResults.ValidationProblem(errors, title: "The experts are not valid", detail: "Nothing was stored; fix the rows listed in errors (row = position in the array, from 1), or send ?partial=true to store the good ones.");
        }

        return TypedResults.Ok(new { imported = outcome.Imported, rejectedRows = read.RejectedRows, errors = outcome.Errors.Select(e => e.ToString()) });
    }

    /// <summary><c>GET /api/ops/experts?specialty=CODE&amp;state=XX&amp;active=true</c>: the experts that match, by id.</summary>
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        var specialty = request.Query["specialty"].ToString();
        var state = request.Query["state"].ToString();
        bool? active = request.Query["active"].ToString() switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        };
        var experts = await directory.ListAsync(new ExpertFilter(specialty.Length == 0 ? null : specialty, state.Length == 0 ? null : state.ToUpperInvariant(), active), cancellationToken);
        return TypedResults.Json(new { experts }, ExpertJson.Options);
    }

    /// <summary><c>GET /api/ops/experts/{expertId}</c>: the expert with its slots and the slots referrals hold.</summary>
    public async Task<IResult> GetAsync(HttpRequest request, string expertId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        if (await directory.GetAsync(expertId, cancellationToken) is not { } expert)
        {
            return ProblemResults.NotFound("Expert not found", $"No expert '{expertId}'.");
        }

        var bookings = await directory.ListBookingsAsync(expertId, cancellationToken);
        return TypedResults.Json(new { expert, bookings }, ExpertJson.Options);
    }

    /// <summary><c>DELETE /api/ops/experts/{expertId}</c>: 204, or 404 when there is none.</summary>
    public async Task<IResult> RemoveAsync(HttpRequest request, string expertId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (auth.Refuse(request) is { } refused)
        {
            return refused;
        }

        if (!await directory.RemoveAsync(expertId, cancellationToken))
        {
            return ProblemResults.NotFound("Expert not found", $"No expert '{expertId}'.");
        }

        logger.LogInformation("Expert {ExpertId} removed by an operator", expertId);
        return TypedResults.NoContent();
    }

    // One expert object is taken as an array of one.
    private static byte[] AsArray(byte[] body)
    {
        var first = body.AsSpan().TrimStart(" \t\r\n"u8);
        return first.Length > 0 && first[0] == (byte)'{' ? [.. "["u8, .. body, .. "]"u8] : body;
    }
}
