using System.Collections.Frozen;

namespace ImeBridge.Core.Validation;

/// <summary>
/// What the schema says about one position in a referral, reduced to what reading needs: which properties an
/// object knows, what an array holds, the closed list of values, and the <c>$defs</c> name of a value type.
/// Built once from the schema, so the schema stays the one source of truth.
/// </summary>
internal sealed class ShapeNode
{
    /// <summary>The <c>$defs</c> entry this node was built from, if any (e.g. <c>phone</c>, <c>date</c>).</summary>
    public string? DefName { get; init; }

    /// <summary>The known properties of a closed object; null when this is not a closed object.</summary>
    public FrozenDictionary<string, ShapeNode>? Properties { get; set; }

    /// <summary>An object whose properties are free (<c>extensions</c>): copied as it is.</summary>
    public bool IsOpenObject { get; set; }

    /// <summary>What an array holds; null when this is not an array.</summary>
    public ShapeNode? Items { get; set; }

    /// <summary>The object alternative of an <c>anyOf</c> (a question may be a string or an object).</summary>
    public ShapeNode? ObjectBranch { get; set; }

    /// <summary>The closed list of values, when the schema gives one.</summary>
    public IReadOnlyList<string>? Enum { get; set; }

    /// <summary>The shape to use for an object at this position, or null when an object does not belong here.</summary>
    public ShapeNode? ObjectShape => Properties is not null ? this : ObjectBranch;

    /// <summary>Whether a string here is a value (not an object, array or free object).</summary>
    public bool IsValue => Properties is null && Items is null && !IsOpenObject;
}
