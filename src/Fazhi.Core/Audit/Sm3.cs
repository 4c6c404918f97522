extern alias bouncycastle;

using bouncycastle::Org.BouncyCastle.Crypto.Digests;

namespace Fazhi.Core.Audit;

/// <summary>SM3 (GB/T 32905-2016) digests, lower-case hex.</summary>
public static class Sm3
{
    /// <summary>The SM3 digest of <paramref name="data"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        var input = data.ToArray();
        digest.BlockUpdate(input, 0, input.Length);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return output;
    }

    /// <summary>The SM3 digest of the UTF-8 bytes of <paramref name="text"/>, as 64 lower-case hex digits.</summary>
    public static string HexOf(string text) => Convert.ToHexStringLower(Hash(System.Text.Encoding.UTF8.GetBytes(text)));
}
