using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace ImeBridge.Adapters.Email;

/// <summary>
/// Makes the legacy charsets of real mail (koi8-r, iso-2022-jp, windows-1252 inside winmail.dat) readable. MimeKit
/// builds its charset table on first use and never looks again, so this must run before any MimeKit call in the
/// process: it runs when this assembly loads and again from <see cref="EmailServiceCollectionExtensions.AddImeBridgeEmail"/>.
/// A host that touches MimeKit before either (a CLI command, say) calls <see cref="EnsureRegistered"/> first.
/// </summary>
public static class EmailEncodings
{
    private static int registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        }
    }

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "MimeKit fixes its charsets on first use; registering when this assembly loads is the only way to come first without asking every host.")]
    internal static void RegisterOnLoad() => EnsureRegistered();
}
