using System.Text.Json.Serialization.Metadata;
using Fazhi.Core.Audit;
using Fazhi.Core.Cases;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Litigation;

/// <summary>A hearing of an imported lawsuit.</summary>
public sealed class LitigationHearingRecord
{
    /// <summary>Day held.</summary>
    public string? HeldOn { get; set; }

    /// <summary>The defendant's head appeared.</summary>
    public bool? HeadPresent { get; set; }

    /// <summary>The head's name.</summary>
    public string? HeadName { get; set; }

    /// <summary>Rank code of the head who appeared.</summary>
    public string? HeadRank { get; set; }

    /// <summary>The head spoke.</summary>
    public bool? HeadSpoke { get; set; }

    /// <summary>Staff appeared.</summary>
    public bool? StaffPresent { get; set; }

    /// <summary>Why the head was absent.</summary>
    public string? AbsenceReason { get; set; }

    /// <summary>The court required the head to appear.</summary>
    public bool? CourtSummonedHead { get; set; }
}

/// <summary>One lawsuit of an import file (a JSON Lines object; snake_case field names).</summary>
public sealed class LitigationImportRecord : ICaseImportRecord
{
    /// <summary>The court's case number.</summary>
    public string? CaseNumber { get; set; }

    /// <summary>Code of the defendant (handling) org.</summary>
    public string? Org { get; set; }

    /// <summary>Court.</summary>
    public string? Court { get; set; }

    /// <summary>Instance code; blank: first.</summary>
    public string? Instance { get; set; }

    /// <summary>Filing date.</summary>
    public string? FiledOn { get; set; }

    /// <summary>Day the complaint copy was received.</summary>
    public string? ComplaintReceivedOn { get; set; }

    /// <summary>Day the defence was submitted.</summary>
    public string? DefenceSubmittedOn { get; set; }

    /// <summary>Cause.</summary>
    public string? Cause { get; set; }

    /// <summary>Plaintiff names.</summary>
    public List<string>? Plaintiffs { get; set; }

    /// <summary>Hearings.</summary>
    public List<LitigationHearingRecord>? Hearings { get; set; }

    /// <summary>Day closed.</summary>
    public string? ClosedOn { get; set; }

    /// <summary>Outcome code.</summary>
    public string? Outcome { get; set; }

    /// <summary>Problems of table cells found while reading the row (not a JSON field).</summary>
    internal List<string>? CellErrors { get; set; }
}

/// <summary>
/// Imports lawsuits from JSON Lines, CSV or XLSX (docs/import-formats.md): the stage follows the dates given, hearings are
/// stored with the head's appearance, and a case with a received complaint gets its defence clock (stopped on the defence
/// or closing day). Cases whose number already exists in the org are skipped unchanged.
/// </summary>
public sealed class ImportLitigationHandler(AppDbContext db, ClockCalendar calendars, TimeProvider clock)
{
    /// <summary>Runs an import.</summary>
    public async Task<CaseImportReport> HandleAsync(Stream content, CaseFileFormat format, CaseImportOptions options, OrgScope scope, CancellationToken ct)
    {
        await using var importer = new LitigationImporter(db, clock);
        return await importer.RunAsync(content, format, options, scope, calendars, ct);
    }
}

/// <summary>The template columns of litigation ledgers.</summary>
public static class LitigationTemplate
{
    internal static IReadOnlyList<CaseColumn<LitigationImportRecord>> Columns { get; } =
    [
        new("案号", "case_number", true, "法院案号，本单位内唯一", r => r.CaseNumber, (r, v) => r.CaseNumber = v),
        new("应诉单位编码", "org", true, "被告（应诉）单位的单位编码", r => r.Org, (r, v) => r.Org = v),
        new("受理法院", "court", true, "法院名称", r => r.Court, (r, v) => r.Court = v),
        new("审级", "instance", false, $"不填为一审。可选：{LitigationCodes.Instances.Hint}", r => r.Instance, (r, v) => r.Instance = v, CodeDisplay.Of(LitigationCodes.Instances)),
        new("立案日期", "filed_on", true, "YYYY-MM-DD，不晚于今天", r => r.FiledOn, (r, v) => r.FiledOn = v),
        new("收到起诉状副本日期", "complaint_received_on", false, "YYYY-MM-DD，不早于立案日期；填写后计算答辩期限", r => r.ComplaintReceivedOn, (r, v) => r.ComplaintReceivedOn = v),
        new("提交答辩状日期", "defence_submitted_on", false, "YYYY-MM-DD，须已收到起诉状副本", r => r.DefenceSubmittedOn, (r, v) => r.DefenceSubmittedOn = v),
        new("案由", "cause", true, "例如：行政处罚", r => r.Cause, (r, v) => r.Cause = v),
        new("原告", "plaintiffs", true, "多名原告用顿号“、”分隔", r => r.Plaintiffs is { Count: > 0 } p ? string.Join("、", p) : null, (r, v) => r.Plaintiffs = CaseImportText.Names(v)),
        new("开庭记录", "hearings", false, "每次开庭一段，用分号“；”分隔，段内用竖线“|”分隔：开庭日期|负责人是否出庭|负责人级别|负责人是否出庭发言|工作人员是否出庭，例如 2024-05-06|是|正职负责人|是|是；是否填“是”或“否”。" + $"负责人级别可选：{LitigationCodes.HeadRanks.Hint}",
            r => FormatHearings(r.Hearings), SetHearings),
        new("结案日期", "closed_on", false, "YYYY-MM-DD，不早于立案日期", r => r.ClosedOn, (r, v) => r.ClosedOn = v),
        new("结案方式", "outcome", false, $"填写结案日期时必填。可选：{LitigationCodes.Outcomes.Hint}", r => r.Outcome, (r, v) => r.Outcome = v, CodeDisplay.Of(LitigationCodes.Outcomes)),
    ];

    /// <summary>The headers in template order.</summary>
    public static IReadOnlyList<string> Headers { get; } = [.. Columns.Select(c => c.Header)];

    /// <summary>The columns in template order with their JSON Lines field, whether required, and help text.</summary>
    public static IReadOnlyList<CaseTemplateColumn> ColumnGuide { get; } = CaseTemplates.Guide(Columns);

    /// <summary>Writes the blank template: the header row, and a second sheet explaining every column and its codes.</summary>
    public static Task WriteAsync(Stream output, CaseFileFormat format, CancellationToken ct) =>
        CaseTemplates.WriteAsync(output, format, Columns, "行政应诉案件", ct);

    private static string? FormatHearings(List<LitigationHearingRecord>? hearings) =>
        hearings is not { Count: > 0 } ? null : string.Join("；", hearings.Select(h => string.Join("|",
            h.HeldOn, YesNo(h.HeadPresent), h.HeadRank is { } rank && LitigationCodes.HeadRanks.TryParse(rank, out var x) ? LitigationCodes.HeadRanks.Label(x) : h.HeadRank,
            YesNo(h.HeadSpoke), YesNo(h.StaffPresent)).TrimEnd('|')));

    private static string YesNo(bool? b) => b switch { true => "是", false => "否", null => "" };

    private static void SetHearings(LitigationImportRecord r, string cell)
    {
        r.Hearings = [];
        var errors = new List<string>();
        foreach (var part in cell.Split(['；', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = part.Split('|', StringSplitOptions.TrimEntries);
            string At(int i) => i < f.Length ? f[i] : "";
            r.Hearings.Add(new LitigationHearingRecord
            {
                HeldOn = At(0),
                HeadPresent = CaseImportText.YesNo(At(1), "开庭记录“负责人是否出庭”", errors),
                HeadRank = At(2).Length == 0 ? null : At(2),
                HeadSpoke = CaseImportText.YesNo(At(3), "开庭记录“负责人是否出庭发言”", errors),
                StaffPresent = CaseImportText.YesNo(At(4), "开庭记录“工作人员是否出庭”", errors),
            });
        }

        if (errors.Count > 0)
        {
            r.CellErrors = errors;
        }
    }
}

/// <summary>Exports lawsuits in the import template.</summary>
public sealed class LitigationExporter(AppDbContext db)
{
    /// <summary>Writes the lawsuits of an org's subtree (within <paramref name="scope"/>); returns the number written.</summary>
    public async Task<Result<int>> ExportAsync(Stream output, CaseFileFormat format, CaseExportFilter filter, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var orgs = await CaseTemplates.ExportOrgsAsync(db, filter.OrgCode, scope, ct);
        if (orgs.IsError)
        {
            return orgs.Error;
        }

        var ids = orgs.Value.Keys.ToList();
        var query = db.LitigationCases.AsNoTracking().Where(c => ids.Contains(c.OrgId));
        if (filter.Year is { } y)
        {
            query = query.Where(c => c.FiledYear == y);
        }

        var cases = await query.OrderBy(c => c.FiledOn).ThenBy(c => c.CaseNumber).ToListAsync(ct);
        var hearings = new Dictionary<Guid, List<LitigationHearingRecord>>();
        foreach (var chunk in cases.Select(c => c.Id).Chunk(500))
        {
            foreach (var h in await db.LitigationHearings.AsNoTracking().Where(h => chunk.Contains(h.CaseId)).OrderBy(h => h.HeldOn).ThenBy(h => h.Id).ToListAsync(ct))
            {
                (hearings.TryGetValue(h.CaseId, out var l) ? l : hearings[h.CaseId] = []).Add(new LitigationHearingRecord
                {
                    HeldOn = ChineseDates.Iso(h.HeldOn),
                    HeadPresent = h.HeadPresent,
                    HeadName = h.HeadName,
                    HeadRank = h.HeadRank is { } rank ? LitigationCodes.HeadRanks.Code(rank) : null,
                    HeadSpoke = h.HeadSpoke,
                    StaffPresent = h.StaffPresent,
                    AbsenceReason = h.AbsenceReason,
                    CourtSummonedHead = h.CourtSummonedHead ? true : null,
                });
            }
        }

        var records = cases.Select(c => new LitigationImportRecord
        {
            CaseNumber = c.CaseNumber,
            Org = orgs.Value[c.OrgId],
            Court = c.Court,
            Instance = LitigationCodes.Instances.Code(c.Instance),
            FiledOn = ChineseDates.Iso(c.FiledOn),
            ComplaintReceivedOn = Iso(c.ComplaintReceivedOn),
            DefenceSubmittedOn = Iso(c.DefenceSubmittedOn),
            Cause = c.Cause,
            Plaintiffs = [.. CaseImportText.Names(c.Plaintiffs)],
            Hearings = hearings.GetValueOrDefault(c.Id),
            ClosedOn = Iso(c.ClosedOn),
            Outcome = c.Outcome is { } o ? LitigationCodes.Outcomes.Code(o) : null,
        });
        await CaseTemplates.WriteRecordsAsync(output, format, LitigationTemplate.Columns, "行政应诉案件", records, CaseImportJsonContext.Default.LitigationImportRecord, ct);
        return cases.Count;
    }

    private static string? Iso(DateOnly? d) => d is { } v ? ChineseDates.Iso(v) : null;
}

/// <summary>A validated lawsuit row.</summary>
internal sealed class PreparedLitigation(LitigationCase c, LitigationDefendant defendant, List<LitigationHearing> hearings, Clock? clock, string tokens)
    : IPreparedCase
{
    public LitigationCase Case => c;

    public LitigationDefendant Defendant => defendant;

    public List<LitigationHearing> Hearings => hearings;

    public Clock? Clock => clock;

    public string Tokens => tokens;

    /// <summary>The case row's audit entry, chained on the preparing thread (<see cref="AuditBatch.NextCreated"/>).</summary>
    public AuditEntry? Entry { get; set; }

    /// <summary>The rows encoded for the SQLite writers on the preparing threads (null: encoded when written).</summary>
    public EncodedRow? EncodedCase { get; set; }

    public EncodedRow? EncodedDefendant { get; set; }

    public EncodedRow?[] EncodedHearings { get; set; } = [];

    public EncodedRow? EncodedClock { get; set; }

    public EncodedRow? EncodedSearch { get; set; }

    public EncodedRow? EncodedEntry { get; set; }

    public Guid OrgId => c.OrgId;

    public string CaseNumber => c.CaseNumber;
}

internal sealed class LitigationImporter(AppDbContext db, TimeProvider clock)
    : CaseImporter<LitigationImportRecord, PreparedLitigation>(db, clock)
{
    private BulkWriter<LitigationCase>? _cases;
    private bool _encode;
    private BulkWriter<LitigationDefendant>? _defendants;
    private BulkWriter<LitigationHearing>? _hearings;
    private BulkWriter<Clock>? _clocks;
    private AuditBatch? _audit;

    protected override JsonTypeInfo<LitigationImportRecord> JsonType => CaseImportJsonContext.Default.LitigationImportRecord;

    protected override IReadOnlyList<string> RequiredHeaders => ["案号", "应诉单位编码", "受理法院", "立案日期", "案由", "原告"];

    protected override async Task<List<(Guid OrgId, string Number)>> ExistingAsync(Guid[] orgIds, CancellationToken ct)
    {
        return [.. (await Db.LitigationCases.AsNoTracking().Where(c => orgIds.Contains(c.OrgId)).Select(c => new { c.OrgId, c.CaseNumber }).ToListAsync(ct))
            .Select(c => (c.OrgId, c.CaseNumber))];
    }

    protected override LitigationImportRecord FromTable(TableRow row)
    {
        var r = new LitigationImportRecord();
        foreach (var col in LitigationTemplate.Columns)
        {
            var v = row[col.Header];
            if (v.Length > 0)
            {
                col.Set(r, v);
            }
        }

        return r;
    }

    protected override PreparedLitigation? Prepare(LitigationImportRecord r, int line, List<string> errors)
    {
        if (r.CellErrors is { } cellErrors)
        {
            errors.AddRange(cellErrors);
        }

        var number = CaseImportText.Required(r.CaseNumber, "案号", LitigationCase.MaxCaseNumberLength, errors);
        var orgCode = r.Org?.Trim() ?? "";
        Guid orgId = default;
        if (orgCode.Length == 0)
        {
            errors.Add("应诉单位编码（org）不能为空。");
        }
        else if (Orgs.Find(orgCode) is not { } found)
        {
            errors.Add($"应诉单位编码“{orgCode}”不存在。");
        }
        else if (!Orgs.InScope(found))
        {
            errors.Add($"应诉单位“{orgCode}”不在您的管辖范围内。");
        }
        else
        {
            orgId = found;
        }

        var court = CaseImportText.Required(r.Court, "受理法院", LitigationCase.MaxNameLength, errors);
        var cause = CaseImportText.Required(r.Cause, "案由", LitigationCase.MaxNameLength, errors);
        var instance = CaseImportText.Code(r.Instance, LitigationCodes.Instances, "审级", errors) ?? Instance.First;
        var filed = CaseImportText.Date(r.FiledOn, "立案日期", Today, errors);
        if (filed is null && string.IsNullOrWhiteSpace(r.FiledOn))
        {
            errors.Add("立案日期（filed_on）不能为空。");
        }

        var complaint = CaseImportText.Date(r.ComplaintReceivedOn, "收到起诉状副本日期", Today, errors);
        var defence = CaseImportText.Date(r.DefenceSubmittedOn, "提交答辩状日期", Today, errors);
        var closed = CaseImportText.Date(r.ClosedOn, "结案日期", Today, errors);
        var outcome = CaseImportText.Code(r.Outcome, LitigationCodes.Outcomes, "结案方式", errors);
        if (complaint < filed)
        {
            errors.Add("收到起诉状副本日期不能早于立案日期。");
        }

        if (!string.IsNullOrWhiteSpace(r.DefenceSubmittedOn) && string.IsNullOrWhiteSpace(r.ComplaintReceivedOn))
        {
            errors.Add("填写提交答辩状日期时须填写收到起诉状副本日期。");
        }

        if (defence < complaint)
        {
            errors.Add("提交答辩状日期不能早于收到起诉状副本日期。");
        }

        if (closed < filed)
        {
            errors.Add($"结案日期 {CaseImportText.Iso(closed)} 不能早于立案日期 {CaseImportText.Iso(filed)}。");
        }

        if (!string.IsNullOrWhiteSpace(r.Outcome) && string.IsNullOrWhiteSpace(r.ClosedOn))
        {
            errors.Add("填写了结案方式但没有结案日期。");
        }

        if (!string.IsNullOrWhiteSpace(r.ClosedOn) && string.IsNullOrWhiteSpace(r.Outcome))
        {
            errors.Add("填写了结案日期但没有结案方式。");
        }

        var plaintiffs = (r.Plaintiffs ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToList();
        if (plaintiffs.Count == 0)
        {
            errors.Add("至少填写一名原告（plaintiffs）。");
        }

        var hearings = new List<(DateOnly On, LitigationHearingRecord H, HeadRank? Rank)>();
        foreach (var (h, i) in (r.Hearings ?? []).Select((h, i) => (h, i + 1)))
        {
            var label = $"第 {i} 次开庭";
            var held = CaseImportText.Date(h.HeldOn, $"{label}日期", Today, errors);
            if (held is null && string.IsNullOrWhiteSpace(h.HeldOn))
            {
                errors.Add($"{label}的日期（held_on）不能为空。");
            }

            if (held < filed)
            {
                errors.Add($"{label}日期不能早于立案日期。");
            }

            if (held > closed)
            {
                errors.Add($"{label}日期不能晚于结案日期。");
            }

            var rank = CaseImportText.Code(h.HeadRank, LitigationCodes.HeadRanks, $"{label}负责人级别", errors);
            if (h.HeadPresent != true && (rank is not null || h.HeadSpoke == true))
            {
                errors.Add($"{label}负责人未出庭，不能填写负责人级别或出庭发言。");
            }

            if (held is { } on)
            {
                hearings.Add((on, h, rank));
            }
        }

        if (errors.Count > 0 || filed is not { } filedOn)
        {
            return null;
        }

        var names = string.Join("、", plaintiffs);
        var c = LitigationCase.Create(orgId, number, court, instance, filedOn, cause, names, null, null, null, NowUtc);
        Clock? defenceClock = null;
        if (complaint is { } received)
        {
            var opened = Clock.Open(Snapshot, orgId, LitigationCodes.CaseType, c.Id.ToString(), null, "litigation.defence", null, received, NowUtc);
            if (opened.IsError)
            {
                errors.Add($"无法计算答辩期限：{opened.Error.Message}");
                return null;
            }

            defenceClock = opened.Value;
            c.ReceiveComplaint(received);
            if (defence is { } submitted)
            {
                c.SubmitDefence(submitted);
            }

            if ((defence ?? closed) is { } stop && defenceClock.Stop(Snapshot, stop) is { IsError: true } stopped)
            {
                errors.Add($"无法计算答辩期限：{stopped.Error!.Message}");
                return null;
            }
        }

        if (closed is { } closedOn)
        {
            c.Close(closedOn, outcome!.Value, null);
        }

        var stored = hearings.Select(h => LitigationHearing.Create(c.Id, h.On, h.H.HeadPresent == true, Blank(h.H.HeadName), h.Rank, h.H.HeadSpoke == true,
            h.H.StaffPresent == true, Blank(h.H.AbsenceReason), h.H.CourtSummonedHead == true)).ToList();
        var own = Orgs.Name(orgId);
        var defendant = LitigationDefendant.Create(c.Id, 1, orgId, own[..Math.Min(own.Length, LitigationCase.MaxNameLength)]);
        var lastDay = new[] { closed, defence, complaint, filed }.Max()!.Value;
        var source = Options.SourceName is { Length: > 0 } f ? $"{f} 第 {line} 行" : $"第 {line} 行";
        c.NoteImport(lastDay, $"批量导入（{source}）：{LitigationCodes.Stages.Label(c.Stage)}" + (outcome is { } o ? $"，{LitigationCodes.Outcomes.Label(o)}" : ""));
        var tokens = LitigationWorkflow.SearchTokens(c, [own]);
        var prepared = new PreparedLitigation(c, defendant, stored, defenceClock, tokens);
        if (_encode)
        {
            // Also here: the rows in the form the SQLite statements bind, so that the writing thread only binds and steps.
            prepared.EncodedCase = _cases!.Encode(c);
            prepared.EncodedDefendant = _defendants!.Encode(defendant);
            prepared.EncodedHearings = [.. stored.Select(_hearings!.Encode)];
            prepared.EncodedClock = defenceClock is null ? null : _clocks!.Encode(defenceClock);
            prepared.EncodedSearch = CaseSearch.EncodeRow(LitigationCodes.CaseType, c.Id, tokens);
        }

        return prepared;
    }

    protected override async Task BeginAsync(CancellationToken ct)
    {
        _cases = new BulkWriter<LitigationCase>(Db, Batch);
        _defendants = new BulkWriter<LitigationDefendant>(Db, 1000);
        _hearings = new BulkWriter<LitigationHearing>(Db, 1000);
        _clocks = new BulkWriter<Clock>(Db, Batch);
        _audit = await AuditBatch.BeginAsync(Db, NowUtc, ct);
        _encode = _cases.EnableEncoding() & _defendants!.EnableEncoding() & _hearings!.EnableEncoding() & _clocks!.EnableEncoding()
            & _audit.EnableEncoding();
    }

    protected override void Chain(IReadOnlyList<PreparedLitigation> rows)
    {
        var digests = AuditBatch.DigestMany(Db.Model.FindEntityType(typeof(LitigationCase))!, rows.Select(r => r.Case).ToList());
        for (var i = 0; i < rows.Count; i++)
        {
            var prepared = rows[i];
            prepared.Entry = _audit!.NextCreated(nameof(LitigationCase), prepared.Case.Id.ToString(), digests[i]);
            prepared.EncodedEntry = _encode ? _audit.Encode(prepared.Entry) : null;
        }
    }

    protected override async Task WriteAsync(IReadOnlyList<PreparedLitigation> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }

        // Parents before children (foreign keys): each table's rows of the batch are written before the next table's.
        foreach (var p in batch)
        {
            await _cases!.AddAsync(p.Case, p.EncodedCase, ct);
            await _audit!.AddAsync(p.Entry!, p.EncodedEntry, ct);
        }

        await _cases!.FlushAsync(ct);
        foreach (var p in batch)
        {
            await _defendants!.AddAsync(p.Defendant, p.EncodedDefendant, ct);
            for (var k = 0; k < p.Hearings.Count; k++)
            {
                await _hearings!.AddAsync(p.Hearings[k], k < p.EncodedHearings.Length ? p.EncodedHearings[k] : null, ct);
            }

            if (p.Clock is not null)
            {
                await _clocks!.AddAsync(p.Clock, p.EncodedClock, ct);
            }

        }

        await _defendants!.FlushAsync(ct);
        await _hearings!.FlushAsync(ct);
        await _clocks!.FlushAsync(ct);
        await CaseSearch.InsertManyAsync(Db, LitigationCodes.CaseType, batch.Select(p => (p.Case.Id, p.Tokens, p.EncodedSearch)), ct);
    }

    protected override Task CompleteAsync(CancellationToken ct) => _audit!.CompleteAsync(ct);

    protected override async ValueTask DisposeWritersAsync()
    {
        foreach (var w in new IAsyncDisposable?[] { _cases, _defendants, _hearings, _clocks, _audit })
        {
            if (w is not null)
            {
                await w.DisposeAsync();
            }
        }

        _cases = null;
        _clocks = null;
        _audit = null;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
