using Fazhi.Core.Common;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Common;

public sealed class IdsTests
{
    [Fact]
    public void New_ids_are_version_7_with_the_rfc_variant_the_current_time_and_no_repeats()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ids = Enumerable.Range(0, 50_000).Select(_ => Ids.New()).ToList();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        ids.Distinct().Count().ShouldBe(ids.Count);
        foreach (var id in ids.Take(1000).Concat(ids.TakeLast(1000)))
        {
            id.Version.ShouldBe(7);
            (id.Variant & 0xC).ShouldBe(0x8);
            var text = id.ToString("N");
            var ms = Convert.ToInt64(text[..12], 16);
            ms.ShouldBeInRange(before, after);
        }
    }

    [Fact]
    public void Ids_made_in_a_later_millisecond_sort_after_earlier_ones_as_stored_text()
    {
        var first = Ids.New();
        Thread.Sleep(5);
        var second = Ids.New();
        string.CompareOrdinal(first.ToString().ToUpperInvariant(), second.ToString().ToUpperInvariant()).ShouldBeLessThan(0);
        first.CompareTo(second).ShouldBeLessThan(0);
    }
}
