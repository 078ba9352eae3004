namespace ImeBridge.Core.Batch;

/// <summary>
/// The shape of the JSON every row of a file is written into, built once from the header and the layout.
/// Leaves are numbered depth-first, so each node covers a contiguous range of leaves and a row can tell
/// cheaply whether a node has anything to write.
/// </summary>
internal abstract class CsvTreeNode
{
    public int FirstLeaf { get; set; }

    public int EndLeaf { get; set; }
}

internal sealed class CsvObjectNode : CsvTreeNode
{
    public List<KeyValuePair<string, CsvTreeNode>> Children { get; } = [];

    public CsvTreeNode? Find(string name)
    {
        foreach (var child in Children)
        {
            if (child.Key == name)
            {
                return child.Value;
            }
        }

        return null;
    }
}

internal sealed class CsvArrayNode : CsvTreeNode
{
    public SortedList<int, CsvTreeNode> Items { get; } = [];
}

internal sealed class CsvLeafNode(CsvLeaf leaf) : CsvTreeNode
{
    public CsvLeaf Leaf { get; } = leaf;
}

/// <summary>Two fields that cannot be written into one referral (a list and one of its positions, a value and an object).</summary>
internal sealed class CsvTreeConflictException(string message) : Exception(message);

internal static class CsvTree
{
    /// <summary>Builds the tree of <paramref name="leaves"/> and numbers them; throws <see cref="CsvTreeConflictException"/> on a clash.</summary>
    public static CsvObjectNode Build(IEnumerable<(CanonicalPath Path, CsvLeaf Leaf)> leaves, out List<CsvLeaf> ordered)
    {
        var root = new CsvObjectNode();
        foreach (var (path, leaf) in leaves)
        {
            Insert(root, path, leaf);
        }

        ordered = [];
        Number(root, ordered);
        return root;
    }

    private static void Insert(CsvObjectNode root, CanonicalPath path, CsvLeaf leaf)
    {
        CsvTreeNode parent = root;
        var names = leaf.Field.Pattern.Split('.');
        for (var i = 0; i < path.Segments.Count; i++)
        {
            var last = i == path.Segments.Count - 1;
            var name = names[i].EndsWith("[]", StringComparison.Ordinal) ? names[i][..^2] : names[i];
            var objectParent = parent as CsvObjectNode ?? throw Conflict(leaf);
            var existing = objectParent.Find(name);
            if (path.Segments[i].Index is { } index)
            {
                var array = existing switch
                {
                    null => Add(objectParent, name, new CsvArrayNode()),
                    CsvArrayNode found => found,
                    _ => throw Conflict(leaf),
                };
                array.Items.TryGetValue(index, out var item);
                parent = (item, last) switch
                {
                    (null, true) => array.Items[index] = new CsvLeafNode(leaf),
                    (null, false) => array.Items[index] = new CsvObjectNode(),
                    (CsvObjectNode found, false) => found,
                    _ => throw Conflict(leaf),
                };
            }
            else
            {
                parent = (existing, last) switch
                {
                    (null, true) => Add(objectParent, name, new CsvLeafNode(leaf)),
                    (null, false) => Add(objectParent, name, new CsvObjectNode()),
                    (CsvObjectNode found, false) => found,
                    _ => throw Conflict(leaf),
                };
            }
        }
    }

    private static T Add<T>(CsvObjectNode parent, string name, T child)
        where T : CsvTreeNode
    {
        parent.Children.Add(new(name, child));
        return child;
    }

    private static void Number(CsvTreeNode node, List<CsvLeaf> ordered)
    {
        node.FirstLeaf = ordered.Count;
        switch (node)
        {
            case CsvLeafNode leaf:
                ordered.Add(leaf.Leaf);
                break;
            case CsvObjectNode obj:
                foreach (var child in obj.Children)
                {
                    Number(child.Value, ordered);
                }

                break;
            case CsvArrayNode array:
                foreach (var item in array.Items.Values)
                {
                    Number(item, ordered);
                }

                break;
        }

        node.EndLeaf = ordered.Count;
    }

    private static CsvTreeConflictException Conflict(CsvLeaf leaf) =>
        new($"{leaf.Path} clashes with another field of the layout: a list cannot also be named by position, nor a value hold fields");
}
