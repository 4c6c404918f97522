using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Fazhi.Core.Common;

/// <summary>New identifiers: time-ordered GUIDs, so inserts append to indexes on both providers.</summary>
public static class Ids
{
    private const int PerRefill = 32;

    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_used;

    /// <summary>
    /// A new version-7 GUID (RFC 9562): the Unix time in milliseconds in the first 48 bits, then the version, 74 random
    /// bits and the variant, laid out as <see cref="Guid.CreateVersion7()"/> lays them out. The random bits come from the
    /// cryptographic generator through a small per-thread buffer (one call per 32 GUIDs: bulk imports create millions).
    /// </summary>
    public static Guid New()
    {
        var random = t_random ??= new byte[PerRefill * 10];
        if (t_used == 0)
        {
            RandomNumberGenerator.Fill(random);
        }

        var r = random.AsSpan(t_used * 10, 10);
        t_used = (t_used + 1) % PerRefill;
        Span<byte> bytes = stackalloc byte[16];
        var ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        BinaryPrimitives.WriteInt64BigEndian(bytes[..8], ms << 16);
        bytes[6] = (byte)(0x70 | (r[0] & 0x0F));
        bytes[7] = r[1];
        bytes[8] = (byte)(0x80 | (r[2] & 0x3F));
        r[3..].CopyTo(bytes[9..]);
        r.Clear();
        return new Guid(bytes, bigEndian: true);
    }
}
