using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ImeBridge.Hosting;

/// <summary>
/// The operator API's check, shared by every <c>/api/ops</c> route: <c>Authorization: Bearer &lt;operatorToken&gt;</c>,
/// compared in constant time; 404 while <c>operatorToken</c> is not configured (the API does not exist then).
/// </summary>
public sealed class OperatorAuth(IOptions<ImeBridgeOptions> options)
{
    /// <summary>Null when the request carries the operator token; otherwise the answer to give.</summary>
    public IResult? Refuse(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (options.Value.OperatorToken is not { Length: > 0 } expected)
        {
            return ProblemResults.OperatorApiNotConfigured();
        }

        return BearerToken.Matches(request, expected) ? null : ProblemResults.OperatorTokenRequired();
    }
}
