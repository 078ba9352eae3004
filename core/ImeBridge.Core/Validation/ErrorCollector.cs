using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Validation;

/// <summary>Collects field errors in the order found, one per path: the first reason for a path wins.</summary>
internal sealed class ErrorCollector
{
    private readonly List<FieldError> errors = [];
    private readonly HashSet<string> paths = new(StringComparer.Ordinal);

    public int Count => errors.Count;

    public IReadOnlyList<FieldError> Errors => errors;

    public void Add(string path, string reason)
    {
        if (paths.Add(path))
        {
            errors.Add(new FieldError(path, reason));
        }
    }
}
