using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Reports;

/// <summary>A manual fact as listed.</summary>
/// <param name="Id">Id.</param>
/// <param name="FactId">Definition id.</param>
/// <param name="Name">Definition name.</param>
/// <param name="Unit">Unit.</param>
/// <param name="OrgCode">Org code.</param>
/// <param name="OrgName">Org name.</param>
/// <param name="Year">Year.</param>
/// <param name="Month">Month or null.</param>
/// <param name="Value">Value.</param>
/// <param name="Note">Note.</param>
/// <param name="EnteredBy">Who entered it.</param>
/// <param name="EnteredAt">When (UTC).</param>
/// <param name="Evidence">Number of evidence files.</param>
public sealed record ManualFactRow(Guid Id, string FactId, string Name, string Unit, string OrgCode, string OrgName, int Year, int? Month, double Value,
    string? Note, string? EnteredBy, DateTime EnteredAt, int Evidence);

/// <summary>Entering, listing and deleting manual facts within the user's scope; every change is audited.</summary>
public sealed class ManualFactService(AppDbContext db, TimeProvider time)
{
    /// <summary>Records a fact.</summary>
    public async Task<Result<ManualFact>> AddAsync(string? factId, string? orgCode, int year, int? month, double? value, string? note, Guid? userId,
        OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var definition = ManualFacts.Find(factId);
        if (definition is null)
        {
            fields["factId"] = ["请选择填报事项。"];
        }

        var code = orgCode?.Trim() ?? "";
        var org = code.Length == 0 ? null : await db.Orgs.AsNoTracking().SingleOrDefaultAsync(o => o.Code == code, ct);
        if (org is null || !await db.IsInScopeAsync(scope, org.Id, ct))
        {
            fields["org"] = [code.Length == 0 ? "请选择单位。" : $"单位“{code}”不存在或不在您的管辖范围内。"];
        }

        var thisYear = ChineseDates.Today(time).Year;
        if (year < 2015 || year > thisYear)
        {
            fields["year"] = [$"年份应在 2015 至 {thisYear} 之间。"];
        }

        if (month is < 1 or > 12)
        {
            fields["month"] = ["月份应在 1 至 12 之间；全年数据不填月份。"];
        }

        if (value is null)
        {
            fields["value"] = ["请填写数值。"];
        }
        else if (value < 0 || value > ManualFact.MaxValue || double.IsNaN(value.Value))
        {
            fields["value"] = ["数值应为不小于 0 的数。"];
        }

        var n = (note ?? "").Trim();
        if (n.Length > ManualFact.MaxNoteLength)
        {
            fields["note"] = [$"说明不超过 {ManualFact.MaxNoteLength} 个字符。"];
        }

        if (fields.Count > 0)
        {
            return new ValidationError(fields);
        }

        var fact = new ManualFact
        {
            Id = Guid.CreateVersion7(),
            FactId = definition!.Id,
            OrgId = org!.Id,
            Year = year,
            Month = month,
            Value = value!.Value,
            Note = n.Length == 0 ? null : n,
            EnteredBy = userId,
            EnteredAt = time.GetUtcNow().UtcDateTime,
        };
        db.ManualFacts.Add(fact);
        await db.SaveChangesAsync(ct);
        return fact;
    }

    /// <summary>Deletes a fact in scope (audited with its last values).</summary>
    public async Task<Result<bool>> DeleteAsync(Guid id, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var fact = await db.ManualFacts.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (fact is null || !await db.IsInScopeAsync(scope, fact.OrgId, ct))
        {
            return new NotFoundError("fact-not-found", "填报记录不存在或不在您的管辖范围内。");
        }

        if (await ReferencedByFrozenReportAsync(fact, ct))
        {
            return new ConflictError("fact-frozen", "该记录已计入已审定的年度报告，不能删除；如数据有误，请新增一条更正记录并在新版本报告中说明。");
        }

        db.ManualFacts.Remove(fact);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Facts in scope, optionally for one org subtree, year and definition; newest first (at most 500).</summary>
    public async Task<IReadOnlyList<ManualFactRow>> ListAsync(OrgScope scope, string? orgCode, int? year, string? factId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var q = db.OrgsIn(scope).Join(db.ManualFacts, o => o.Id, f => f.OrgId, (o, f) => new { o, f });
        if (!string.IsNullOrWhiteSpace(orgCode))
        {
            var code = orgCode.Trim();
            var root = await db.Orgs.Where(o => o.Code == code).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(ct);
            var under = db.OrgClosures.Where(c => c.AncestorId == root).Select(c => c.DescendantId);
            q = q.Where(x => under.Contains(x.f.OrgId));
        }

        if (year is { } y)
        {
            q = q.Where(x => x.f.Year == y);
        }

        if (!string.IsNullOrWhiteSpace(factId))
        {
            var id = factId.Trim();
            q = q.Where(x => x.f.FactId == id);
        }

        var rows = await q.OrderByDescending(x => x.f.EnteredAt).Take(500)
            .Select(x => new
            {
                x.f.Id,
                x.f.FactId,
                x.o.Code,
                x.o.Name,
                x.f.Year,
                x.f.Month,
                x.f.Value,
                x.f.Note,
                x.f.EnteredAt,
                By = db.Users.Where(u => u.Id == x.f.EnteredBy).Select(u => u.DisplayName).FirstOrDefault(),
                Evidence = db.CaseAttachments.Count(a => a.CaseType == ManualFacts.EvidenceType && a.CaseId == x.f.Id),
            })
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var d = ManualFacts.Find(r.FactId);
            return new ManualFactRow(r.Id, r.FactId, d?.Name ?? r.FactId, d?.Unit ?? "", r.Code, r.Name, r.Year, r.Month, r.Value, r.Note, r.By, r.EnteredAt, r.Evidence);
        }).ToList();
    }

    /// <summary>Facts by id in scope (a frozen report's drill-down).</summary>
    public async Task<IReadOnlyList<ManualFactRow>> ByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var rows = await db.ManualFacts.AsNoTracking().Where(f => ids.Contains(f.Id))
            .Join(db.Orgs, f => f.OrgId, o => o.Id, (f, o) => new { f, o.Code, o.Name })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.f.EnteredAt).Select(r =>
        {
            var d = ManualFacts.Find(r.f.FactId);
            return new ManualFactRow(r.f.Id, r.f.FactId, d?.Name ?? r.f.FactId, d?.Unit ?? "", r.Code, r.Name, r.f.Year, r.f.Month, r.f.Value, r.f.Note, null, r.f.EnteredAt, 0);
        }).ToList();
    }

    private async Task<bool> ReferencedByFrozenReportAsync(ManualFact fact, CancellationToken ct)
    {
        var id = fact.Id.ToString();
        var frozen = await db.AnnualReports.AsNoTracking()
            .Where(r => r.Year == fact.Year && r.FrozenFigures != null)
            .Select(r => r.FrozenFigures!)
            .ToListAsync(ct);
        return frozen.Any(json => json.Contains(id, StringComparison.OrdinalIgnoreCase));
    }
}
