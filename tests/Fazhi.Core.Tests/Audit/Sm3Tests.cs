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

    // HexOfMany through each path: 16 lanes (AVX-512), 8 lanes (AVX2) and the scalar loop (0 = the public overload's
    // choice); a path the machine lacks falls back to the scalar loop.
    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(8)]
    [InlineData(1)]
    public void Many_random_messages_of_random_lengths_match_HexOf(int lanes)
    {
        var random = new Random(20260702);
        var lengths = Enumerable.Range(0, 1000).Select(_ => random.Next(0, 3001)).ToArray();
        var data = new byte[lengths.Sum()];
        random.NextBytes(data);
        var starts = new int[lengths.Length];
        for (var i = 1; i < starts.Length; i++)
        {
            starts[i] = starts[i - 1] + lengths[i - 1];
        }

        HexOfMany(data, starts, lengths, lanes).ShouldBe(Scalar(data, starts, lengths));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(8)]
    public void Many_messages_of_every_length_up_to_200_match_HexOf_in_any_order(int lanes)
    {
        // Ascending, descending and shuffled lengths, so that lanes finish at different blocks in different orders;
        // the messages overlap in one buffer.
        var random = new Random(20260703);
        var data = new byte[400];
        random.NextBytes(data);
        var ascending = Enumerable.Range(0, 201).ToArray();
        foreach (var lengths in new[] { ascending, ascending.Reverse().ToArray(), ascending.OrderBy(_ => random.Next()).ToArray() })
        {
            var starts = lengths.Select(length => random.Next(0, data.Length - length + 1)).ToArray();
            HexOfMany(data, starts, lengths, lanes).ShouldBe(Scalar(data, starts, lengths));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(8)]
    public void Many_counts_that_do_not_fill_the_lanes_match_HexOf(int lanes)
    {
        var random = new Random(20260704);
        foreach (var count in new[] { 0, 1, 2, 3, 5, 7, 9, 15, 17, 31, 33, 100 })
        {
            // Lengths around the block boundaries: 55/56 (one or two padding blocks), 63/64/65, and longer ones.
            int[] edges = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 300, 1000, 2000];
            var lengths = Enumerable.Range(0, count).Select(_ => edges[random.Next(edges.Length)] + (random.Next(4) == 0 ? random.Next(0, 64) : 0)).ToArray();
            var data = new byte[lengths.Sum()];
            random.NextBytes(data);
            var starts = new int[count];
            for (var i = 1; i < count; i++)
            {
                starts[i] = starts[i - 1] + lengths[i - 1];
            }

            HexOfMany(data, starts, lengths, lanes).ShouldBe(Scalar(data, starts, lengths), $"count {count}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(8)]
    public void Many_standard_examples_hash_to_the_published_digests(int lanes)
    {
        // GB/T 32905-2016 appendix A, examples 1 and 2 (one and two blocks after padding), alternating: 32 messages fill
        // more than one pass of either width, and the lanes finish and refill at different passes.
        var data = Encoding.ASCII.GetBytes("abc" + string.Concat(Enumerable.Repeat("abcd", 16)));
        var starts = Enumerable.Range(0, 32).Select(i => i % 2 == 0 ? 0 : 3).ToArray();
        var lengths = Enumerable.Range(0, 32).Select(i => i % 2 == 0 ? 3 : 64).ToArray();
        var expected = Enumerable.Range(0, 32)
            .Select(i => i % 2 == 0
                ? "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
                : "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")
            .ToArray();
        HexOfMany(data, starts, lengths, lanes).ShouldBe(expected);
        HexOfMany(data, [3, 0], [64, 3], lanes).ShouldBe([expected[1], expected[0]]);
    }

    [Fact]
    public void Many_rejects_messages_outside_the_data_and_a_short_output()
    {
        var data = new byte[10];
        Should.Throw<ArgumentOutOfRangeException>(() => Sm3.HexOfMany(data, [5], [6], new byte[64]));
        Should.Throw<ArgumentOutOfRangeException>(() => Sm3.HexOfMany(data, [-1], [1], new byte[64]));
        Should.Throw<ArgumentException>(() => Sm3.HexOfMany(data, [0, 1], [1], new byte[128]));
        Should.Throw<ArgumentException>(() => Sm3.HexOfMany(data, [0, 1], [1, 1], new byte[127]));
    }

    private static string[] HexOfMany(byte[] data, int[] starts, int[] lengths, int lanes)
    {
        var hex = new byte[64 * starts.Length];
        if (lanes == 0)
        {
            Sm3.HexOfMany(data, starts, lengths, hex);
        }
        else
        {
            Sm3.HexOfManyOnLanes(data, starts, lengths, hex, lanes);
        }

        return Enumerable.Range(0, starts.Length).Select(i => Encoding.ASCII.GetString(hex, 64 * i, 64)).ToArray();
    }

    private static string[] Scalar(byte[] data, int[] starts, int[] lengths) =>
        Enumerable.Range(0, starts.Length).Select(i => Sm3.HexOf(data.AsSpan(starts[i], lengths[i]))).ToArray();

    private static byte[] Reference(byte[] data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return output;
    }
}
