using Fazhi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Audit;

/// <summary>The result of walking the audit chain.</summary>
/// <param name="Intact">True when every entry and the head check out.</param>
/// <param name="EntriesChecked">Entries read.</param>
/// <param name="HeadHash">The hash of the last entry (publish it to anchor the log).</param>
/// <param name="BrokenAt">Sequence of the first entry that fails, when not intact (0 for the head).</param>
/// <param name="Problem">What is wrong, in Chinese.</param>
public sealed record AuditVerification(bool Intact, long EntriesChecked, string HeadHash, long? BrokenAt, string? Problem);

/// <summary>Walks the whole chain in sequence order, recomputing every hash, then checks the head.</summary>
public sealed class VerifyAuditChainHandler(AppDbContext db)
{
    /// <summary>Verifies the chain; streams entries so that millions of rows need little memory.</summary>
    public async Task<AuditVerification> HandleAsync(CancellationToken ct)
    {
        var expectedSequence = 1L;
        var previous = AuditChain.GenesisHash;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (e.Sequence != expectedSequence)
            {
                return Broken(expectedSequence - 1, previous, e.Sequence,
                    e.Sequence > expectedSequence
                        ? $"缺少第 {expectedSequence} 条记录（下一条是第 {e.Sequence} 条）：记录被删除。"
                        : $"第 {e.Sequence} 条记录的序号不连续：记录被改动或重排。");
            }

            if (e.PreviousHash != previous)
            {
                return Broken(expectedSequence - 1, previous, e.Sequence,
                    $"第 {e.Sequence} 条记录的“前一哈希”与第 {e.Sequence - 1} 条记录的哈希不符：记录被改动、删除或重排。");
            }

            var computed = AuditChain.ComputeHash(e);
            if (computed != e.Hash)
            {
                return Broken(expectedSequence - 1, previous, e.Sequence,
                    $"第 {e.Sequence} 条记录的内容与其哈希不符：记录被改动（存储 {e.Hash[..12]}…，重算 {computed[..12]}…）。");
            }

            previous = e.Hash;
            expectedSequence++;
        }

        var checkedCount = expectedSequence - 1;
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        var headSequence = head?.LastSequence ?? 0;
        var headHash = head?.LastHash ?? AuditChain.GenesisHash;
        if (headSequence != checkedCount || headHash != previous)
        {
            return Broken(checkedCount, previous, headSequence > checkedCount ? checkedCount + 1 : 0,
                headSequence > checkedCount
                    ? $"链头记录到第 {headSequence} 条，但日志只有 {checkedCount} 条：末尾的记录被删除。"
                    : "链头与最后一条记录不符：链头或末尾记录被改动。");
        }

        return new AuditVerification(true, checkedCount, previous, null, null);
    }

    private static AuditVerification Broken(long checkedCount, string lastGood, long at, string problem) =>
        new(false, checkedCount, lastGood, at, problem);
}
