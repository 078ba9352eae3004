using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace ImeBridge.Adapters.Email.Tests.Support;

/// <summary>The tests build messages with MimeKit before touching the adapter; register the legacy charsets first, as a host does.</summary>
internal static class EncodingsFirst
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "Must run before any test touches MimeKit.")]
    internal static void Register() => EmailEncodings.EnsureRegistered();
}
