using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Fazhi.Core.Audit;

/// <summary>
/// SM3 (GB/T 32905-2016) digests, lower-case hex. A span-based implementation without allocations per call (bulk audit
/// appends hash hundreds of thousands of small inputs); the tests check it against BouncyCastle's SM3Digest.
/// </summary>
public static class Sm3
{
    /// <summary>Digest size in bytes.</summary>
    public const int DigestSize = 32;

    private const int BlockSize = 64;

    /// <summary>The SM3 digest of <paramref name="data"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var output = new byte[DigestSize];
        Hash(data, output);
        return output;
    }

    /// <summary>Writes the SM3 digest of <paramref name="data"/> (32 bytes) to <paramref name="output"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> output)
    {
        if (output.Length < DigestSize)
        {
            throw new ArgumentException("The output needs 32 bytes.", nameof(output));
        }

        Span<uint> v = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
        Span<uint> w = stackalloc uint[68];
        var full = data.Length / BlockSize * BlockSize;
        for (var i = 0; i < full; i += BlockSize)
        {
            Compress(v, w, data.Slice(i, BlockSize));
        }

        // Padding: 0x80, zeros, then the message length in bits (64-bit big-endian); one or two more blocks.
        Span<byte> tail = stackalloc byte[BlockSize * 2];
        tail.Clear();
        var rest = data[full..];
        rest.CopyTo(tail);
        tail[rest.Length] = 0x80;
        var tailLength = rest.Length + 9 <= BlockSize ? BlockSize : BlockSize * 2;
        BinaryPrimitives.WriteUInt64BigEndian(tail.Slice(tailLength - 8, 8), (ulong)data.Length * 8);
        Compress(v, w, tail[..BlockSize]);
        if (tailLength > BlockSize)
        {
            Compress(v, w, tail.Slice(BlockSize, BlockSize));
        }

        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(output.Slice(i * 4, 4), v[i]);
        }
    }

    /// <summary>Writes the digest of <paramref name="data"/> as 64 lower-case hex digits (ASCII) to <paramref name="hex"/>.</summary>
    public static void HexOf(ReadOnlySpan<byte> data, Span<byte> hex)
    {
        Span<byte> digest = stackalloc byte[DigestSize];
        Hash(data, digest);
        if (!Convert.TryToHexStringLower(digest, hex, out var written) || written != DigestSize * 2)
        {
            throw new ArgumentException("The output needs 64 bytes.", nameof(hex));
        }
    }

    /// <summary>The SM3 digest of <paramref name="data"/>, as 64 lower-case hex digits.</summary>
    public static string HexOf(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[DigestSize];
        Hash(data, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>The SM3 digest of the UTF-8 bytes of <paramref name="text"/>, as 64 lower-case hex digits.</summary>
    public static string HexOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max <= 1024)
        {
            Span<byte> buffer = stackalloc byte[max];
            return HexOf(buffer[..Encoding.UTF8.GetBytes(text, buffer)]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            return HexOf(rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // Fully optimised from the first call: bulk operations (imports, clock recomputes) hash hundreds of thousands of
    // entries in a fresh process, and the tiers before the optimised one run this loop several times slower.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Compress(Span<uint> v, Span<uint> w, ReadOnlySpan<byte> block)
    {
        for (var j = 0; j < 16; j++)
        {
            w[j] = BinaryPrimitives.ReadUInt32BigEndian(block.Slice(j * 4, 4));
        }

        for (var j = 16; j < 68; j++)
        {
            w[j] = P1(w[j - 16] ^ w[j - 9] ^ BitOperations.RotateLeft(w[j - 3], 15)) ^ BitOperations.RotateLeft(w[j - 13], 7) ^ w[j - 6];
        }

        uint a = v[0], b = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6], h = v[7];
        for (var j = 0; j < 16; j++)
        {
            var a12 = BitOperations.RotateLeft(a, 12);
            var ss1 = BitOperations.RotateLeft(a12 + e + BitOperations.RotateLeft(0x79cc4519u, j), 7);
            var ss2 = ss1 ^ a12;
            var tt1 = (a ^ b ^ c) + d + ss2 + (w[j] ^ w[j + 4]);
            var tt2 = (e ^ f ^ g) + h + ss1 + w[j];
            d = c;
            c = BitOperations.RotateLeft(b, 9);
            b = a;
            a = tt1;
            h = g;
            g = BitOperations.RotateLeft(f, 19);
            f = e;
            e = P0(tt2);
        }

        for (var j = 16; j < 64; j++)
        {
            var a12 = BitOperations.RotateLeft(a, 12);
            var ss1 = BitOperations.RotateLeft(a12 + e + BitOperations.RotateLeft(0x7a879d8au, j), 7);
            var ss2 = ss1 ^ a12;
            var tt1 = ((a & b) | (a & c) | (b & c)) + d + ss2 + (w[j] ^ w[j + 4]);
            var tt2 = ((e & f) | (~e & g)) + h + ss1 + w[j];
            d = c;
            c = BitOperations.RotateLeft(b, 9);
            b = a;
            a = tt1;
            h = g;
            g = BitOperations.RotateLeft(f, 19);
            f = e;
            e = P0(tt2);
        }

        v[0] ^= a;
        v[1] ^= b;
        v[2] ^= c;
        v[3] ^= d;
        v[4] ^= e;
        v[5] ^= f;
        v[6] ^= g;
        v[7] ^= h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint P0(uint x) => x ^ BitOperations.RotateLeft(x, 9) ^ BitOperations.RotateLeft(x, 17);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint P1(uint x) => x ^ BitOperations.RotateLeft(x, 15) ^ BitOperations.RotateLeft(x, 23);
}
