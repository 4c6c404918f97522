using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Orgs;

/// <summary>Import orgs from a CSV or XLSX table with the headers 编码,名称,类型,上级编码. All-or-nothing.</summary>
public sealed record ImportOrgs(Stream Content, string FileName, bool DryRun);

/// <summary>The outcome of an import: rows accepted, and every bad row with its line and reason.</summary>
public sealed record ImportReport(int RowsRead, int Created, bool Committed, IReadOnlyList<RowError> Errors)
{
    /// <summary>True when no row had an error.</summary>
    public bool Ok => Errors.Count == 0;
}

/// <summary>Handles <see cref="ImportOrgs"/>: validates every row, then creates all orgs in one transaction or none.</summary>
public sealed class ImportOrgsHandler(AppDbContext db, TimeProvider clock)
{
    /// <summary>The required headers, in template order.</summary>
    public static readonly string[] Headers = ["编码", "名称", "类型", "上级编码"];

    private const int LookupChunk = 1000;

    /// <summary>Validates and (unless a dry run or any row is bad) commits the import.</summary>
    public async Task<ImportReport> HandleAsync(ImportOrgs cmd, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        ArgumentNullException.ThrowIfNull(scope);
        var read = TableFile.Read(cmd.Content, cmd.FileName, Headers);
        if (read.IsError)
        {
            var message = read.Error is ValidationError v ? string.Join(" ", v.Fields.Values.SelectMany(m => m)) : read.Error.Message;
            return new ImportReport(0, 0, false, [new RowError(0, message)]);
        }

        var rows = read.Value;
        var errors = new List<RowError>();
        var parsed = new List<(TableRow Row, string Code, string Name, OrgType Type, string? Parent)>();
        var firstLineOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var codesInFile = rows.Select(r => r["编码"]).Where(c => c.Length > 0).Distinct().ToList();
        // Look codes up in chunks: a list of tens of thousands of codes exceeds SQLite's limit on SQL parameters.
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in codesInFile.Chunk(LookupChunk))
        {
            existing.UnionWith(await db.Orgs.Where(o => chunk.Contains(o.Code)).Select(o => o.Code).ToListAsync(ct));
        }


        foreach (var row in rows)
        {
            var rowErrors = new List<string>();
            var code = row["编码"];
            var name = row["名称"];
            var parentCode = row["上级编码"];
            if (Org.CheckCode(code) is { } codeError)
            {
                rowErrors.Add(codeError);
            }
            else if (existing.Contains(code))
            {
                rowErrors.Add($"编码“{code}”已存在于系统中。");
            }
            else if (firstLineOfCode.TryGetValue(code, out var firstLine))
            {
                rowErrors.Add($"编码“{code}”与第 {firstLine} 行重复。");
            }
            else
            {
                firstLineOfCode[code] = row.Line;
            }

            if (Org.CheckName(name) is { } nameError)
            {
                rowErrors.Add(nameError);
            }

            if (!OrgTypes.TryParse(row["类型"], out var type))
            {
                rowErrors.Add(string.IsNullOrEmpty(row["类型"]) ? "类型不能为空。" : $"类型“{row["类型"]}”无效，可选：{OrgTypes.Hint}。");
            }

            if (parentCode.Length > 0 && parentCode == code)
            {
                rowErrors.Add("上级编码不能是本单位的编码。");
            }

            if (rowErrors.Count > 0)
            {
                errors.Add(new RowError(row.Line, string.Join(" ", rowErrors)));
            }
            else
            {
                parsed.Add((row, code, name, type, parentCode.Length == 0 ? null : parentCode));
            }
        }

        // Parents: an org already in scope, or another row of this file (in any order).
        var fileCodes = parsed.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var outsideParents = parsed.Select(p => p.Parent).OfType<string>().Where(c => !fileCodes.Contains(c)).Distinct().ToList();
        var knownParents = new Dictionary<string, Org>(StringComparer.Ordinal);
        foreach (var chunk in outsideParents.Chunk(LookupChunk))
        {
            foreach (var o in await db.OrgsIn(scope).Where(o => chunk.Contains(o.Code)).ToListAsync(ct))
            {
                knownParents[o.Code] = o;
            }
        }

        var valid = new List<(TableRow Row, string Code, string Name, OrgType Type, string? Parent)>();
        foreach (var p in parsed)
        {
            if (p.Parent is null && scope.RootOrgId is not null)
            {
                errors.Add(new RowError(p.Row.Line, "上级编码不能为空（只能在您管辖的单位之下导入）。"));
            }
            else if (p.Parent is not null && !fileCodes.Contains(p.Parent) && !knownParents.ContainsKey(p.Parent))
            {
                errors.Add(new RowError(p.Row.Line, $"上级编码“{p.Parent}”不存在：既不在系统中（或不在您的管辖范围内），也不在本文件中。"));
            }
            else
            {
                valid.Add(p);
            }
        }

        // Order parents before children; rows whose parent chain is broken or circular are errors.
        var ordered = new List<(TableRow Row, string Code, string Name, OrgType Type, string? Parent)>();
        var placed = new HashSet<string>(knownParents.Keys, StringComparer.Ordinal);
        var remaining = valid.ToList();
        while (remaining.Count > 0)
        {
            // One pass per tree level: linear in the number of rows for any realistic depth.
            var ready = remaining.Where(p => p.Parent is null || placed.Contains(p.Parent)).ToList();
            if (ready.Count == 0)
            {
                foreach (var p in remaining)
                {
                    errors.Add(new RowError(p.Row.Line, $"上级编码“{p.Parent}”所在的行有错误或形成循环，本行无法导入。"));
                }

                break;
            }

            foreach (var p in ready)
            {
                ordered.Add(p);
                placed.Add(p.Code);
            }

            remaining = remaining.Where(p => !placed.Contains(p.Code)).ToList();
        }

        errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        if (errors.Count > 0 || cmd.DryRun)
        {
            return new ImportReport(rows.Count, errors.Count > 0 ? 0 : ordered.Count, false, errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var byCode = new Dictionary<string, Org>(knownParents, StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        var tree = new OrgTreeWriter(db);
        foreach (var p in ordered)
        {
            var parent = p.Parent is null ? null : byCode[p.Parent];
            var org = Org.Create(p.Code, p.Name, p.Type, parent, parent?.RegionId, now);
            db.Orgs.Add(org);
            await tree.AddAsync(org, parent?.Id, ct);
            byCode[p.Code] = org;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await SqliteStatistics.OptimizeAsync(db, analyse: false, CancellationToken.None);
        return new ImportReport(rows.Count, ordered.Count, true, []);
    }
}
