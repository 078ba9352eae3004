using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace ImeBridge.Hosting;

/// <summary>Another result, with one response header added (<c>Location</c>, <c>WWW-Authenticate</c>).</summary>
public sealed class ResultWithHeader(IResult inner, string headerName, string headerValue) : IResult, IStatusCodeHttpResult, INestedHttpResult
{
    public IResult Result => inner;

    public string HeaderName => headerName;

    public string HeaderValue => headerValue;

    public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers[headerName] = headerValue;
        return inner.ExecuteAsync(httpContext);
    }
}
