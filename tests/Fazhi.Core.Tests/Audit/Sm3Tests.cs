extern alias bouncycastle;

using System.Text;
using bouncycastle::Org.BouncyCastle.Crypto.Digests;
using Fazhi.Core.Audit;
using FsCheck;
using FsCheck.Fluent;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Audit;

public sealed class Sm3Tests
{
    [Theory]
    // GB/T 32905-2016 appendix A, example 1.
    [InlineData("abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    // GB/T 32905-2016 appendix A, example 2: "abcd" sixteen times (512 bits, two blocks after padding).
    [InlineData("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd", "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")]
    public void Standard_examples_hash_to_the_published_digests(string text, string expected)
    {
        Sm3.HexOf(text).ShouldBe(expected);
    }

    [Fact]
    public void Chinese_text_is_hashed_as_utf8()
    {
        // Cross-checked with: printf '法治' | openssl dgst -sm3
        Sm3.HexOf("法治").ShouldBe("5e5d15594e593acaa1bda61b22aabc012623cd39bf4f926db768455c29107122");
    }

    [Fact]
    public void Any_text_hashes_to_64_lower_case_hex_digits_and_any_change_changes_the_digest()
    {
        Prop.ForAll<NonNull<string>, char>((text, extra) =>
            {
                var hex = Sm3.HexOf(text.Get);
                return hex.Length == 64
                    && hex.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f')
                    && Sm3.HexOf(text.Get + extra) != hex;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_length_up_to_three_blocks_and_random_inputs_match_bouncycastle()
    {
        var random = new Random(20260701);
        var lengths = Enumerable.Range(0, 200).Concat(Enumerable.Range(0, 2000).Select(_ => random.Next(0, 5000)));
        foreach (var length in lengths)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Sm3.Hash(data).ShouldBe(Reference(data), $"length {length}");
        }
    }

    [Fact]
    public void Span_hex_and_string_hex_agree()
    {
        Prop.ForAll<NonNull<string>>(text =>
            {
                var bytes = Encoding.UTF8.GetBytes(text.Get);
                var hex = new byte[64];
                Sm3.HexOf(bytes, hex);
                var expected = Convert.ToHexStringLower(Reference(bytes));
                return Sm3.HexOf(text.Get) == expected && Encoding.ASCII.GetString(hex) == expected && Sm3.HexOf(bytes.AsSpan()) == expected;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Long_text_is_hashed_like_bouncycastle()
    {
        var text = string.Concat(Enumerable.Repeat("法治政府建设 rule of law ", 500));
        Sm3.HexOf(text).ShouldBe(Convert.ToHexStringLower(Reference(Encoding.UTF8.GetBytes(text))));
    }

    private static byte[] Reference(byte[] data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return output;
    }
}
