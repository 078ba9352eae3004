using System.Text;

namespace ImeBridge.Adapters.Email.Tests.Support;

/// <summary>
/// Writes a minimal winmail.dat (TNEF) as Outlook does: a signature, then attributes of level, tag, length, data and
/// a 16-bit sum of the data bytes. Carries a plain-text body and one attached file.
/// </summary>
internal static class TnefBuilder
{
    private const uint Signature = 0x223E9F78;
    private const byte MessageLevel = 1;
    private const byte AttachmentLevel = 2;

    public static byte[] Build(string body, string fileName, byte[] content)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(Signature);
        writer.Write((ushort)0x0001);
        Attribute(writer, MessageLevel, 0x00089006, BitConverter.GetBytes(0x00010000u));
        Attribute(writer, MessageLevel, 0x00069007, [.. BitConverter.GetBytes(1252u), .. BitConverter.GetBytes(0u)]);
        Attribute(writer, MessageLevel, 0x00078008, Encoding.ASCII.GetBytes("IPM.Microsoft Mail.Note\0"));
        Attribute(writer, MessageLevel, 0x0002800C, Encoding.ASCII.GetBytes(body + "\0"));
        Attribute(writer, AttachmentLevel, 0x00069002, new byte[14]);
        Attribute(writer, AttachmentLevel, 0x00018010, Encoding.ASCII.GetBytes(fileName + "\0"));
        Attribute(writer, AttachmentLevel, 0x0006800F, content);
        writer.Flush();
        return stream.ToArray();
    }

    private static void Attribute(BinaryWriter writer, byte level, uint tag, byte[] data)
    {
        writer.Write(level);
        writer.Write(tag);
        writer.Write((uint)data.Length);
        writer.Write(data);
        writer.Write((ushort)data.Sum(b => b));
    }
}
