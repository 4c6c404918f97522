using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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

    // HexOfMany: the widest lane count, and how many busy lanes at most are left to the scalar path once no message is
    // waiting (a 16-lane pass costs about as much as one scalar compression).
    private const int MaxLanes = 16;
    private const int ScalarTailLanes = 1;

    // The initial value IV (GB/T 32905-2016 §4.1).
    private static ReadOnlySpan<uint> InitialValue => [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];

    // T_j <<< (j mod 32) for j = 0..63 (GB/T 32905-2016 §4.2, §5.3.3): 79cc4519 for rounds 0-15, 7a879d8a for 16-63.
    private static ReadOnlySpan<uint> RoundConstants =>
    [
        0x79cc4519, 0xf3988a32, 0xe7311465, 0xce6228cb, 0x9cc45197, 0x3988a32f, 0x7311465e, 0xe6228cbc,
        0xcc451979, 0x988a32f3, 0x311465e7, 0x6228cbce, 0xc451979c, 0x88a32f39, 0x11465e73, 0x228cbce6,
        0x9d8a7a87, 0x3b14f50f, 0x7629ea1e, 0xec53d43c, 0xd8a7a879, 0xb14f50f3, 0x629ea1e7, 0xc53d43ce,
        0x8a7a879d, 0x14f50f3b, 0x29ea1e76, 0x53d43cec, 0xa7a879d8, 0x4f50f3b1, 0x9ea1e762, 0x3d43cec5,
        0x7a879d8a, 0xf50f3b14, 0xea1e7629, 0xd43cec53, 0xa879d8a7, 0x50f3b14f, 0xa1e7629e, 0x43cec53d,
        0x879d8a7a, 0x0f3b14f5, 0x1e7629ea, 0x3cec53d4, 0x79d8a7a8, 0xf3b14f50, 0xe7629ea1, 0xcec53d43,
        0x9d8a7a87, 0x3b14f50f, 0x7629ea1e, 0xec53d43c, 0xd8a7a879, 0xb14f50f3, 0x629ea1e7, 0xc53d43ce,
        0x8a7a879d, 0x14f50f3b, 0x29ea1e76, 0x53d43cec, 0xa7a879d8, 0x4f50f3b1, 0x9ea1e762, 0x3d43cec5,
    ];

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

    /// <summary>
    /// Writes the SM3 digest of each of many independent messages as 64 lower-case hex digits (ASCII): message
    /// <c>i</c> is <c>data[starts[i] .. starts[i] + lengths[i])</c> and its digest goes to <c>hex[64 * i .. 64 * i + 64)</c>.
    /// The same digests as <see cref="HexOf(ReadOnlySpan{byte}, Span{byte})"/> of each message, several times faster on
    /// many messages: 16 (AVX-512) or 8 (AVX2) messages are hashed at once, one per SIMD lane; without AVX2, one by one.
    /// </summary>
    /// <param name="data">The bytes of all messages; messages may overlap and come in any order.</param>
    /// <param name="starts">The offset of each message in <paramref name="data"/>.</param>
    /// <param name="lengths">The length of each message in bytes, as many as <paramref name="starts"/>.</param>
    /// <param name="hex">Receives 64 bytes per message.</param>
    /// <exception cref="ArgumentException">The counts differ, or <paramref name="hex"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A message lies outside <paramref name="data"/>.</exception>
    public static void HexOfMany(ReadOnlySpan<byte> data, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, Span<byte> hex)
    {
        var lanes = Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Avx512BW.IsSupported ? 16
            : Vector256.IsHardwareAccelerated && Avx2.IsSupported ? 8
            : 1;
        HexOfManyOnLanes(data, starts, lengths, hex, lanes);
    }

    /// <summary>
    /// <see cref="HexOfMany(ReadOnlySpan{byte}, ReadOnlySpan{int}, ReadOnlySpan{int}, Span{byte})"/> on a chosen number
    /// of lanes: 16, 8 or 1 (one by one); a width the machine lacks falls back to one by one. The tests cover each path.
    /// </summary>
    internal static void HexOfManyOnLanes(ReadOnlySpan<byte> data, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, Span<byte> hex, int lanes)
    {
        if (lengths.Length != starts.Length)
        {
            throw new ArgumentException("There must be as many lengths as starts.", nameof(lengths));
        }

        if (hex.Length / (DigestSize * 2) < starts.Length)
        {
            throw new ArgumentException("The output needs 64 bytes per message.", nameof(hex));
        }

        for (var i = 0; i < starts.Length; i++)
        {
            if ((uint)starts[i] > (uint)data.Length || (uint)lengths[i] > (uint)(data.Length - starts[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(starts), $"Message {i} lies outside the data.");
            }
        }

        // A lone message gains nothing from the lanes (and would make the process compile them).
        if (starts.Length <= ScalarTailLanes)
        {
            lanes = 1;
        }

        if (lanes == 16 && Avx512F.IsSupported && Avx512BW.IsSupported)
        {
            HashOnLanes<Vector512<uint>, Lanes512>(data, starts, lengths, hex);
        }
        else if (lanes == 8 && Avx2.IsSupported)
        {
            HashOnLanes<Vector256<uint>, Lanes256>(data, starts, lengths, hex);
        }
        else
        {
            for (var i = 0; i < starts.Length; i++)
            {
                HexOf(data.Slice(starts[i], lengths[i]), hex.Slice(i * DigestSize * 2, DigestSize * 2));
            }
        }
    }

    // Multi-buffer SM3: each SIMD lane hashes its own message, and a lane whose message is done takes the next waiting
    // one before the next pass, so lanes stay busy on messages of different lengths (no masked updates: a lane never
    // holds a finished message) until the messages run out. An idle lane hashes stale input that nobody reads; the last
    // busy lane finishes on the scalar path.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HashOnLanes<TVec, TLanes>(ReadOnlySpan<byte> data, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, Span<byte> hex)
        where TVec : unmanaged
        where TLanes : struct, ILanes<TVec>
    {
        var lanes = TLanes.Count;
        Span<TVec> state = stackalloc TVec[8];
        Span<TVec> w = stackalloc TVec[68];
        Span<byte> blocks = stackalloc byte[MaxLanes * BlockSize];
        Span<Cursor> cursors = stackalloc Cursor[MaxLanes];
        var words = MemoryMarshal.Cast<TVec, uint>(state); // word i of lane k at [i * lanes + k]
        var next = 0;
        while (true)
        {
            var busy = 0;
            for (var lane = 0; lane < lanes; lane++)
            {
                ref var cursor = ref cursors[lane];
                if (cursor.Busy && cursor.BlocksLeft == 0)
                {
                    var digest = Vector256.Create(
                        words[lane], words[lanes + lane], words[(2 * lanes) + lane], words[(3 * lanes) + lane],
                        words[(4 * lanes) + lane], words[(5 * lanes) + lane], words[(6 * lanes) + lane], words[(7 * lanes) + lane]);
                    WriteHex(digest, hex.Slice(cursor.Message * DigestSize * 2, DigestSize * 2));
                    cursor.Busy = false;
                }

                if (!cursor.Busy && next < starts.Length)
                {
                    cursor.Start(next, starts[next], lengths[next]);
                    next++;
                    for (var i = 0; i < 8; i++)
                    {
                        words[(i * lanes) + lane] = InitialValue[i];
                    }
                }

                if (cursor.Busy)
                {
                    busy++;
                }
            }

            if (next == starts.Length && busy <= ScalarTailLanes)
            {
                break;
            }

            for (var lane = 0; lane < lanes; lane++)
            {
                ref var cursor = ref cursors[lane];
                if (cursor.Busy)
                {
                    cursor.Fill(data, blocks.Slice(lane * BlockSize, BlockSize));
                    Prefetch(data, cursor.Position);
                }
            }

            if (next < starts.Length)
            {
                Prefetch(data, starts[next]);
            }

            CompressLanes<TVec, TLanes>(state, blocks, w);
        }

        // The last busy lanes: out of the vector, on to the scalar path.
        Span<uint> v = stackalloc uint[8];
        var scalarW = MemoryMarshal.Cast<TVec, uint>(w)[..68];
        var block = blocks[..BlockSize];
        for (var lane = 0; lane < lanes; lane++)
        {
            ref var cursor = ref cursors[lane];
            if (!cursor.Busy)
            {
                continue;
            }

            for (var i = 0; i < 8; i++)
            {
                v[i] = words[(i * lanes) + lane];
            }

            while (cursor.BlocksLeft > 0)
            {
                cursor.Fill(data, block);
                Compress(v, scalarW, block);
            }

            WriteHex(Vector256.Create<uint>(v), hex.Slice(cursor.Message * DigestSize * 2, DigestSize * 2));
        }
    }

    // One compression (GB/T 32905-2016 §5.3) of one 64-byte block per lane: lane k reads blocks[64k .. 64k + 64) and
    // updates lane k of the transposed state (state[i] holds word i of every lane).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CompressLanes<TVec, TLanes>(Span<TVec> state, ReadOnlySpan<byte> blocks, Span<TVec> w)
        where TVec : unmanaged
        where TLanes : struct, ILanes<TVec>
    {
        // Message expansion (§5.3.2): W[0..15] from the blocks, W[16..67] four at a time just ahead of the rounds that
        // need them (off the rounds' dependency chain, so they fill its idle issue slots); W'[j] = W[j] ^ W[j + 4].
        TLanes.LoadBlocks(blocks, w[..16]);
        ref var w0 = ref MemoryMarshal.GetReference(w[..68]);
        ref readonly var t0 = ref MemoryMarshal.GetReference(RoundConstants);

        // The compression function (§5.3.3), four rounds at a time: rather than moving the eight words along, each round
        // leaves its new A in D's variable and its new E in H's, and the next round takes the names rotated by one.
        var a = state[0];
        var b = state[1];
        var c = state[2];
        var d = state[3];
        var e = state[4];
        var f = state[5];
        var g = state[6];
        var h = state[7];
        for (var j = 0; j < 16; j += 4)
        {
            if (j == 12)
            {
                Expand<TVec, TLanes>(ref w0, 16);
            }

            Round<TVec, TLanes>(a, ref b, c, ref d, e, ref f, g, ref h, ref w0, in t0, j, early: true);
            Round<TVec, TLanes>(d, ref a, b, ref c, h, ref e, f, ref g, ref w0, in t0, j + 1, early: true);
            Round<TVec, TLanes>(c, ref d, a, ref b, g, ref h, e, ref f, ref w0, in t0, j + 2, early: true);
            Round<TVec, TLanes>(b, ref c, d, ref a, f, ref g, h, ref e, ref w0, in t0, j + 3, early: true);
        }

        for (var j = 16; j < 64; j += 4)
        {
            Expand<TVec, TLanes>(ref w0, j + 4);
            Round<TVec, TLanes>(a, ref b, c, ref d, e, ref f, g, ref h, ref w0, in t0, j, early: false);
            Round<TVec, TLanes>(d, ref a, b, ref c, h, ref e, f, ref g, ref w0, in t0, j + 1, early: false);
            Round<TVec, TLanes>(c, ref d, a, ref b, g, ref h, e, ref f, ref w0, in t0, j + 2, early: false);
            Round<TVec, TLanes>(b, ref c, d, ref a, f, ref g, h, ref e, ref w0, in t0, j + 3, early: false);
        }

        state[0] = TLanes.Xor(state[0], a);
        state[1] = TLanes.Xor(state[1], b);
        state[2] = TLanes.Xor(state[2], c);
        state[3] = TLanes.Xor(state[3], d);
        state[4] = TLanes.Xor(state[4], e);
        state[5] = TLanes.Xor(state[5], f);
        state[6] = TLanes.Xor(state[6], g);
        state[7] = TLanes.Xor(state[7], h);
    }

    // W[j .. j + 4) from the recurrence W[j] = P1(W[j-16] ^ W[j-9] ^ (W[j-3] <<< 15)) ^ (W[j-13] <<< 7) ^ W[j-6] (§5.3.2).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Expand<TVec, TLanes>(ref TVec w0, int j)
        where TVec : unmanaged
        where TLanes : struct, ILanes<TVec>
    {
        for (var k = j; k < j + 4; k++)
        {
            var x = TLanes.Xor(Unsafe.Add(ref w0, k - 16), Unsafe.Add(ref w0, k - 9), TLanes.RotateLeft(Unsafe.Add(ref w0, k - 3), 15));
            var p1 = TLanes.Xor(x, TLanes.RotateLeft(x, 15), TLanes.RotateLeft(x, 23));
            Unsafe.Add(ref w0, k) = TLanes.Xor(p1, TLanes.RotateLeft(Unsafe.Add(ref w0, k - 13), 7), Unsafe.Add(ref w0, k - 6));
        }
    }

    // Round j (§5.3.3) on the words (A, B, ..., H) = (a, b, ..., h): leaves the new A in d, B <<< 9 in b, the new E in h
    // and F <<< 19 in f, so the next round takes (d, a, b, c, h, e, f, g). FF and GG are XOR in rounds 0-15 (early),
    // majority and choice in rounds 16-63. The sums are associated for the shortest dependency chains through A and E.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round<TVec, TLanes>(TVec a, ref TVec b, TVec c, ref TVec d, TVec e, ref TVec f, TVec g, ref TVec h, ref TVec w0, ref readonly uint t0, int j, bool early)
        where TVec : unmanaged
        where TLanes : struct, ILanes<TVec>
    {
        var wj = Unsafe.Add(ref w0, j);
        var a12 = TLanes.RotateLeft(a, 12);
        var ss1 = TLanes.RotateLeft(TLanes.Add(a12, TLanes.Add(e, TLanes.Create(Unsafe.Add(ref Unsafe.AsRef(in t0), j)))), 7);
        var ss2 = TLanes.Xor(ss1, a12);
        var ff = early ? TLanes.Xor(a, b, c) : TLanes.Majority(a, b, c);
        var gg = early ? TLanes.Xor(e, f, g) : TLanes.Choose(e, f, g);
        d = TLanes.Add(ss2, TLanes.Add(TLanes.Add(ff, d), TLanes.Xor(wj, Unsafe.Add(ref w0, j + 4))));
        var tt2 = TLanes.Add(ss1, TLanes.Add(TLanes.Add(gg, h), wj));
        h = TLanes.Xor(tt2, TLanes.RotateLeft(tt2, 9), TLanes.RotateLeft(tt2, 17));
        b = TLanes.RotateLeft(b, 9);
        f = TLanes.RotateLeft(f, 19);
    }

    // The digest (its eight words) as 64 lower-case hex digits: big-endian bytes, split into nibbles, looked up.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteHex(Vector256<uint> digest, Span<byte> hex)
    {
        var bytes = Avx2.Shuffle(digest.AsByte(), ByteSwap256());
        var high = (bytes.AsUInt16() >>> 4).AsByte() & Vector256.Create((byte)0x0f);
        var low = bytes & Vector256.Create((byte)0x0f);
        var first = Avx2.UnpackLow(high, low); // the digits of bytes 0-7 and 16-23
        var second = Avx2.UnpackHigh(high, low); // the digits of bytes 8-15 and 24-31
        var digits = Vector256.Create("0123456789abcdef0123456789abcdef"u8);
        Avx2.Shuffle(digits, Avx2.Permute2x128(first, second, 0x20)).CopyTo(hex);
        Avx2.Shuffle(digits, Avx2.Permute2x128(first, second, 0x31)).CopyTo(hex[32..]);
    }

    // Reverses the bytes of each 32-bit element (big-endian words) with a byte shuffle.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> ByteSwap256() =>
        Vector256.Create(0x00010203u, 0x04050607u, 0x08090a0bu, 0x0c0d0e0fu, 0x00010203u, 0x04050607u, 0x08090a0bu, 0x0c0d0e0fu).AsByte();

    // Asks for the (up to two) cache lines of data[offset .. offset + 64) a pass ahead of their use: a pass takes longer
    // than a memory access, and the lanes' many short streams defeat the hardware prefetcher when the messages are not
    // in the cache (up to a third slower). A hint only: nothing outside the data is touched, nothing waits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(ReadOnlySpan<byte> data, int offset)
    {
        if (Sse.IsSupported && (uint)offset < (uint)data.Length)
        {
            fixed (byte* p = data)
            {
                Sse.Prefetch0(p + offset);
                Sse.Prefetch0(p + Math.Min(offset + BlockSize - 1, data.Length - 1));
            }
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

    // Where a lane is in its message: the next block is data[Position .. Position + 64) while that much is left, then
    // the padding (§5.2: 0x80, zeros, the length in bits as a 64-bit big-endian number) in one or two blocks.
    private struct Cursor
    {
        public int Message;
        public int Position;
        public int End;
        public int Length;
        public int BlocksLeft;
        public bool Busy;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Start(int message, int start, int length)
        {
            Message = message;
            Position = start;
            End = start + length;
            Length = length;
            BlocksLeft = (int)(((long)length + 8 + BlockSize) / BlockSize);
            Busy = true;
        }

        // Writes the next block to block. Position becomes End + 1 once the 0x80 byte is written, so a second padding
        // block holds only zeros and the length.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Fill(ReadOnlySpan<byte> data, Span<byte> block)
        {
            var rest = End - Position;
            if (rest >= BlockSize)
            {
                data.Slice(Position, BlockSize).CopyTo(block);
                Position += BlockSize;
            }
            else
            {
                if (rest >= 0)
                {
                    data.Slice(Position, rest).CopyTo(block);
                    block[rest] = 0x80;
                    block[(rest + 1)..].Clear();
                    Position = End + 1;
                }
                else
                {
                    block.Clear();
                }

                if (BlocksLeft == 1)
                {
                    BinaryPrimitives.WriteUInt64BigEndian(block[(BlockSize - 8)..], (ulong)Length * 8);
                }
            }

            BlocksLeft--;
        }
    }

    // The lane operations of the multi-buffer compression, implemented once per vector width (static abstract members,
    // so that each width gets its own fully inlined code).
    private interface ILanes<TVec>
        where TVec : unmanaged
    {
        static abstract int Count { get; }

        static abstract TVec Create(uint value);

        static abstract TVec Add(TVec x, TVec y);

        static abstract TVec Xor(TVec x, TVec y);

        static abstract TVec Xor(TVec x, TVec y, TVec z);

        // (x & y) | (x & z) | (y & z): FF in rounds 16-63.
        static abstract TVec Majority(TVec x, TVec y, TVec z);

        // (x & y) | (~x & z): GG in rounds 16-63.
        static abstract TVec Choose(TVec x, TVec y, TVec z);

        static abstract TVec RotateLeft(TVec x, [ConstantExpected(Min = 1, Max = 31)] byte count);

        // W[0..15]: word j (big-endian) of lane k's block blocks[64k .. 64k + 64) to lane k of w[j].
        static abstract void LoadBlocks(ReadOnlySpan<byte> blocks, Span<TVec> w);
    }

    // 8 lanes: AVX2, with the AVX-512VL rotate and ternary logic where available.
    private readonly struct Lanes256 : ILanes<Vector256<uint>>
    {
        public static int Count => 8;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Create(uint value) => Vector256.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Add(Vector256<uint> x, Vector256<uint> y) => x + y;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Xor(Vector256<uint> x, Vector256<uint> y) => x ^ y;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Xor(Vector256<uint> x, Vector256<uint> y, Vector256<uint> z) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(x, y, z, 0x96) : x ^ y ^ z;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Majority(Vector256<uint> x, Vector256<uint> y, Vector256<uint> z) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(x, y, z, 0xe8) : (x & y) | (z & (x | y));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Choose(Vector256<uint> x, Vector256<uint> y, Vector256<uint> z) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(x, y, z, 0xca) : ((y ^ z) & x) ^ z;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> RotateLeft(Vector256<uint> x, [ConstantExpected(Min = 1, Max = 31)] byte count) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.RotateLeft(x, count) : (x << count) | (x >>> (32 - count));

        // Two 8x8 transposes of 32-bit words: words 0-7 of the eight blocks, then words 8-15.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void LoadBlocks(ReadOnlySpan<byte> blocks, Span<Vector256<uint>> w)
        {
            ref var source = ref MemoryMarshal.GetReference(blocks[..(8 * BlockSize)]);
            var target = w[..16];
            for (var half = 0; half < 2; half++)
            {
                Transpose4(ref source, (nuint)(half * 32), out var u0, out var u1, out var u2, out var u3);
                Transpose4(ref source, (nuint)((4 * BlockSize) + (half * 32)), out var u4, out var u5, out var u6, out var u7);
                var j = 8 * half;
                target[j] = Avx2.Permute2x128(u0, u4, 0x20);
                target[j + 1] = Avx2.Permute2x128(u1, u5, 0x20);
                target[j + 2] = Avx2.Permute2x128(u2, u6, 0x20);
                target[j + 3] = Avx2.Permute2x128(u3, u7, 0x20);
                target[j + 4] = Avx2.Permute2x128(u0, u4, 0x31);
                target[j + 5] = Avx2.Permute2x128(u1, u5, 0x31);
                target[j + 6] = Avx2.Permute2x128(u2, u6, 0x31);
                target[j + 7] = Avx2.Permute2x128(u3, u7, 0x31);
            }
        }

        // Four blocks from source + offset (eight words each, byte-swapped): ui holds words i (low 128 bits) and i + 4
        // (high 128 bits) of the four.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Transpose4(ref byte source, nuint offset, out Vector256<uint> u0, out Vector256<uint> u1, out Vector256<uint> u2, out Vector256<uint> u3)
        {
            var swap = ByteSwap256();
            var r0 = Avx2.Shuffle(Vector256.LoadUnsafe(ref source, offset), swap).AsUInt32();
            var r1 = Avx2.Shuffle(Vector256.LoadUnsafe(ref source, offset + BlockSize), swap).AsUInt32();
            var r2 = Avx2.Shuffle(Vector256.LoadUnsafe(ref source, offset + (2 * BlockSize)), swap).AsUInt32();
            var r3 = Avx2.Shuffle(Vector256.LoadUnsafe(ref source, offset + (3 * BlockSize)), swap).AsUInt32();
            var t0 = Avx2.UnpackLow(r0, r1).AsUInt64();
            var t1 = Avx2.UnpackHigh(r0, r1).AsUInt64();
            var t2 = Avx2.UnpackLow(r2, r3).AsUInt64();
            var t3 = Avx2.UnpackHigh(r2, r3).AsUInt64();
            u0 = Avx2.UnpackLow(t0, t2).AsUInt32();
            u1 = Avx2.UnpackHigh(t0, t2).AsUInt32();
            u2 = Avx2.UnpackLow(t1, t3).AsUInt32();
            u3 = Avx2.UnpackHigh(t1, t3).AsUInt32();
        }
    }

    // 16 lanes: AVX-512F and AVX-512BW.
    private readonly struct Lanes512 : ILanes<Vector512<uint>>
    {
        public static int Count => 16;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Create(uint value) => Vector512.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Add(Vector512<uint> x, Vector512<uint> y) => x + y;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Xor(Vector512<uint> x, Vector512<uint> y) => x ^ y;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Xor(Vector512<uint> x, Vector512<uint> y, Vector512<uint> z) => Avx512F.TernaryLogic(x, y, z, 0x96);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Majority(Vector512<uint> x, Vector512<uint> y, Vector512<uint> z) => Avx512F.TernaryLogic(x, y, z, 0xe8);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Choose(Vector512<uint> x, Vector512<uint> y, Vector512<uint> z) => Avx512F.TernaryLogic(x, y, z, 0xca);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> RotateLeft(Vector512<uint> x, [ConstantExpected(Min = 1, Max = 31)] byte count) => Avx512F.RotateLeft(x, count);

        // A 16x16 transpose of 32-bit words: within 128-bit lanes (unpacks) by four blocks, then across them (shuffles).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void LoadBlocks(ReadOnlySpan<byte> blocks, Span<Vector512<uint>> w)
        {
            ref var source = ref MemoryMarshal.GetReference(blocks[..(16 * BlockSize)]);
            var target = w[..16];
            Transpose4(ref source, 0, out var u0, out var u1, out var u2, out var u3);
            Transpose4(ref source, 4 * BlockSize, out var u4, out var u5, out var u6, out var u7);
            Transpose4(ref source, 8 * BlockSize, out var u8, out var u9, out var u10, out var u11);
            Transpose4(ref source, 12 * BlockSize, out var u12, out var u13, out var u14, out var u15);
            Combine(u0, u4, u8, u12, target, 0);
            Combine(u1, u5, u9, u13, target, 1);
            Combine(u2, u6, u10, u14, target, 2);
            Combine(u3, u7, u11, u15, target, 3);
        }

        // Four blocks from source + offset (byte-swapped): ui holds words i, i + 4, i + 8 and i + 12 of the four, one
        // word per 128-bit lane.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Transpose4(ref byte source, nuint offset, out Vector512<uint> u0, out Vector512<uint> u1, out Vector512<uint> u2, out Vector512<uint> u3)
        {
            var swap = Vector512.Create(ByteSwap256(), ByteSwap256());
            var r0 = Avx512BW.Shuffle(Vector512.LoadUnsafe(ref source, offset), swap).AsUInt32();
            var r1 = Avx512BW.Shuffle(Vector512.LoadUnsafe(ref source, offset + BlockSize), swap).AsUInt32();
            var r2 = Avx512BW.Shuffle(Vector512.LoadUnsafe(ref source, offset + (2 * BlockSize)), swap).AsUInt32();
            var r3 = Avx512BW.Shuffle(Vector512.LoadUnsafe(ref source, offset + (3 * BlockSize)), swap).AsUInt32();
            var t0 = Avx512F.UnpackLow(r0, r1).AsUInt64();
            var t1 = Avx512F.UnpackHigh(r0, r1).AsUInt64();
            var t2 = Avx512F.UnpackLow(r2, r3).AsUInt64();
            var t3 = Avx512F.UnpackHigh(r2, r3).AsUInt64();
            u0 = Avx512F.UnpackLow(t0, t2).AsUInt32();
            u1 = Avx512F.UnpackHigh(t0, t2).AsUInt32();
            u2 = Avx512F.UnpackLow(t1, t3).AsUInt32();
            u3 = Avx512F.UnpackHigh(t1, t3).AsUInt32();
        }

        // From the Transpose4 outputs for word i of blocks 0-3, 4-7, 8-11 and 12-15: w[i], w[i + 4], w[i + 8], w[i + 12].
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Combine(Vector512<uint> x0, Vector512<uint> x1, Vector512<uint> x2, Vector512<uint> x3, Span<Vector512<uint>> w, int i)
        {
            var v0 = Avx512F.Shuffle4x128(x0, x1, 0x44); // 128-bit lanes 0, 1 of x0, then of x1
            var v1 = Avx512F.Shuffle4x128(x0, x1, 0xee); // lanes 2, 3 of x0, then of x1
            var v2 = Avx512F.Shuffle4x128(x2, x3, 0x44);
            var v3 = Avx512F.Shuffle4x128(x2, x3, 0xee);
            w[i] = Avx512F.Shuffle4x128(v0, v2, 0x88); // lane 0 of x0, x1, x2, x3
            w[i + 4] = Avx512F.Shuffle4x128(v0, v2, 0xdd); // lane 1 of each
            w[i + 8] = Avx512F.Shuffle4x128(v1, v3, 0x88);
            w[i + 12] = Avx512F.Shuffle4x128(v1, v3, 0xdd);
        }
    }
}
