using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ImeBridge.Core.Experts;

namespace ImeBridge.Bench.ScaleOut;

/// <summary>Imports the bench's experts once, through one process's operator API (<c>POST /api/ops/experts</c>); all share the directory.</summary>
internal static class ExpertsImport
{
    public static async Task ImportAsync(Uri serve, IReadOnlyList<Expert> experts)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(serve, "api/ops/experts"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BenchPartner.OperatorToken);
        request.Content = new StringContent(JsonSerializer.Serialize(experts, ExpertJson.Options), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"experts import answered {(int)response.StatusCode}: {answer}");
        }

        using var json = JsonDocument.Parse(answer);
        var imported = json.RootElement.GetProperty("imported").GetInt32();
        if (imported != experts.Count)
        {
            throw new InvalidOperationException($"experts import stored {imported} of {experts.Count}: {answer}");
        }
    }
}
