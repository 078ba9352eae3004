// The baseline for the intake benchmark: Kestrel reading the same request body and answering 202,
// with no verification, validation or storage. The intake's figures are reported as a ratio to this.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapPost("/api/partners/{partnerId}/referrals", async (HttpRequest request) =>
{
    var buffer = new byte[16 * 1024];
    while (await request.Body.ReadAsync(buffer) > 0)
    {
    }

    return Results.Accepted();
});
await app.RunAsync();
