namespace ImeBridge.Core.Rules;

/// <summary>A rule table that cannot be read or does not validate: the table name and what is wrong.</summary>
public sealed class RuleTableException : Exception
{
    public RuleTableException()
    {
    }

    public RuleTableException(string message)
        : base(message)
    {
    }

    public RuleTableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
