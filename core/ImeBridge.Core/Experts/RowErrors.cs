namespace ImeBridge.Core.Experts;

/// <summary>The problems of one row, each with the column or path it is about.</summary>
internal sealed class RowErrors
{
    private readonly List<(string Column, string Reason)> items = [];

    public int Count => items.Count;

    public IReadOnlyList<(string Column, string Reason)> Items => items;

    public void Add(string column, string reason) => items.Add((column, reason));

    /// <summary>Adds <paramref name="reason"/> when it is not null; true when it was null (the value is fine).</summary>
    public bool Check(string column, string? reason, string prefix = "")
    {
        if (reason is null)
        {
            return true;
        }

        items.Add((column, prefix + reason));
        return false;
    }

    public IEnumerable<ExpertImportError> For(string file, long row) =>
        items.Select(item => new ExpertImportError(file, row, item.Column, item.Reason));
}
