using System.Security.Cryptography;
using System.Text;

namespace Sanzi.Ledger.Common;

/// <summary>
/// Name-based (RFC 4122 version 5) stream ids, so a unit's stream is found from its division code
/// alone and every process derives the same id without a lookup table.
/// </summary>
public static class StreamIds
{
    private static readonly Guid LedgerNamespace = new("6f1c2d0e-7a43-4b8e-9f51-3b2a9c1d5e70");

    public static Guid ForUnit(string divisionCode) => NameBased("unit/" + divisionCode);

    public static Guid NameBased(string name)
    {
        Span<byte> ns = stackalloc byte[16];
        LedgerNamespace.TryWriteBytes(ns, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        ns.CopyTo(input);
        nameBytes.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
