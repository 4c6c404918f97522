using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Fazhi.Core.Audit;
using Fazhi.Core.Cases;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Litigation;
using Fazhi.Core.Orgs;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Reconsideration;

/// <summary>One reconsideration case of an import file (a JSON Lines object; snake_case field names). Dates are
/// YYYY-MM-DD text; codes are the English codes or the Chinese labels of <see cref="ReconsiderationCodes"/>.</summary>
public sealed class ReconsiderationImportRecord : ICaseImportRecord
{
    /// <summary>Case number, unique within the org.</summary>
    public string? CaseNumber { get; set; }

    /// <summary>Code of the handling reconsideration body.</summary>
    public string? Org { get; set; }

    /// <summary>"2017" or "2023"; blank: the version in force on <see cref="ReceivedOn"/>.</summary>
    public string? LawVersion { get; set; }

    /// <summary>Day the application was received.</summary>
    public string? ReceivedOn { get; set; }

    /// <summary>Channel code; blank: import.</summary>
    public string? Channel { get; set; }

    /// <summary>Respondent: an org code (or exact name) of the tree, or any name.</summary>
    public string? Respondent { get; set; }

    /// <summary>Matter type code.</summary>
    public string? MatterType { get; set; }

    /// <summary>The challenged act.</summary>
    public string? ChallengedAct { get; set; }

    /// <summary>Day of the challenged act.</summary>
    public string? ActDate { get; set; }

    /// <summary>The request.</summary>
    public string? Request { get; set; }

    /// <summary>Applicant names.</summary>
    public List<string>? Applicants { get; set; }

    /// <summary>Day of acceptance.</summary>
    public string? AcceptedOn { get; set; }

    /// <summary>Day of the non-acceptance decision.</summary>
    public string? NotAcceptedOn { get; set; }

    /// <summary>Procedure code (accepted cases).</summary>
    public string? Procedure { get; set; }

    /// <summary>Day of conclusion.</summary>
    public string? ClosedOn { get; set; }

    /// <summary>Outcome code.</summary>
    public string? Outcome { get; set; }
}

/// <summary>Source-generated JSON metadata of the import records.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(ReconsiderationImportRecord))]
[JsonSerializable(typeof(LitigationImportRecord))]
internal sealed partial class CaseImportJsonContext : JsonSerializerContext;

/// <summary>
/// Imports reconsideration cases (history handled elsewhere, ledgers) from JSON Lines, CSV or XLSX — see
/// docs/import-formats.md. Each new case gets its stage, its origin (file and line, shown as the "imported" step of its timeline), search text, its statutory clock
/// (acceptance review while received or not accepted; the decision period once accepted, stopped on the closing day) and
/// one audit entry for the case row. Cases whose number already exists in the org are skipped unchanged.
/// </summary>
public sealed class ImportReconsiderationHandler(AppDbContext db, ClockCalendar calendars, TimeProvider clock)
{
    /// <summary>Runs an import.</summary>
    public async Task<CaseImportReport> HandleAsync(Stream content, CaseFileFormat format, CaseImportOptions options, OrgScope scope, CancellationToken ct)
    {
        await using var importer = new ReconsiderationImporter(db, clock);
        return await importer.RunAsync(content, format, options, scope, calendars, ct);
    }
}

/// <summary>The template columns of reconsideration ledgers.</summary>
public static class ReconsiderationTemplate
{
    internal static IReadOnlyList<CaseColumn<ReconsiderationImportRecord>> Columns { get; } =
    [
        new("案号", "case_number", true, $"本机关内唯一，不超过 {ReconsiderationCase.MaxCaseNumberLength} 个字符", r => r.CaseNumber, (r, v) => r.CaseNumber = v),
        new("复议机关编码", "org", true, "办理案件的行政复议机关的单位编码", r => r.Org, (r, v) => r.Org = v),
        new("适用法律版本", "law_version", false, "2017 或 2023；不填则按收到申请日期确定（2024-01-01 起为 2023）", r => r.LawVersion, (r, v) => r.LawVersion = v),
        new("收到申请日期", "received_on", true, "YYYY-MM-DD，不晚于今天", r => r.ReceivedOn, (r, v) => r.ReceivedOn = v),
        new("申请方式", "channel", false, $"不填为“批量导入”。可选：{ReconsiderationCodes.Channels.Hint}", r => r.Channel, (r, v) => r.Channel = v, CodeDisplay.Of(ReconsiderationCodes.Channels)),
        new("申请人", "applicants", false, "多名申请人用顿号“、”分隔", r => r.Applicants is { Count: > 0 } a ? string.Join("、", a) : null, (r, v) => r.Applicants = CaseImportText.Names(v)),
        new("被申请人", "respondent", true, "单位编码或名称（系统中的单位会关联到该单位）", r => r.Respondent, (r, v) => r.Respondent = v),
        new("行政行为类别", "matter_type", true, $"可选：{ReconsiderationCodes.Matters.Hint}", r => r.MatterType, (r, v) => r.MatterType = v, CodeDisplay.Of(ReconsiderationCodes.Matters)),
        new("被申请的行政行为", "challenged_act", false, "例如文书编号和名称", r => r.ChallengedAct, (r, v) => r.ChallengedAct = v),
        new("行政行为作出日期", "act_date", false, "YYYY-MM-DD，不晚于收到申请日期", r => r.ActDate, (r, v) => r.ActDate = v),
        new("行政复议请求", "request", false, $"不超过 {ReconsiderationCase.MaxTextLength} 个字符", r => r.Request, (r, v) => r.Request = v),
        new("受理日期", "accepted_on", false, "YYYY-MM-DD；已受理的案件填写", r => r.AcceptedOn, (r, v) => r.AcceptedOn = v),
        new("不予受理日期", "not_accepted_on", false, "YYYY-MM-DD；与受理日期只能填一个", r => r.NotAcceptedOn, (r, v) => r.NotAcceptedOn = v),
        new("审理程序", "procedure", false, $"已受理的案件填写，不填为普通程序；2017 年法律没有简易程序。可选：{ReconsiderationCodes.Procedures.Hint}", r => r.Procedure, (r, v) => r.Procedure = v, CodeDisplay.Of(ReconsiderationCodes.Procedures)),
        new("结案日期", "closed_on", false, "YYYY-MM-DD；须已受理，不早于受理日期", r => r.ClosedOn, (r, v) => r.ClosedOn = v),
        new("结案方式", "outcome", false, $"填写结案日期时必填；确认无效只适用 2023 年法律。可选：{ReconsiderationCodes.Outcomes.Hint}", r => r.Outcome, (r, v) => r.Outcome = v, CodeDisplay.Of(ReconsiderationCodes.Outcomes)),
    ];

    /// <summary>The headers in template order.</summary>
    public static IReadOnlyList<string> Headers { get; } = [.. Columns.Select(c => c.Header)];

    /// <summary>The columns in template order with their JSON Lines field, whether required, and help text.</summary>
    public static IReadOnlyList<CaseTemplateColumn> ColumnGuide { get; } = CaseTemplates.Guide(Columns);

    /// <summary>Writes the blank template: the header row, and a second sheet explaining every column and its codes.</summary>
    public static Task WriteAsync(Stream output, CaseFileFormat format, CancellationToken ct) =>
        CaseTemplates.WriteAsync(output, format, Columns, "行政复议案件", ct);
}

/// <summary>Exports reconsideration cases in the import template (so an export imports back unchanged).</summary>
public sealed class ReconsiderationExporter(AppDbContext db)
{
    /// <summary>Writes the cases of an org's subtree (within <paramref name="scope"/>); returns the number written, or
    /// an error when the org is unknown or outside the scope.</summary>
    public async Task<Result<int>> ExportAsync(Stream output, CaseFileFormat format, CaseExportFilter filter, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var orgs = await CaseTemplates.ExportOrgsAsync(db, filter.OrgCode, scope, ct);
        if (orgs.IsError)
        {
            return orgs.Error;
        }

        var ids = orgs.Value.Keys.ToList();
        var query = db.ReconsiderationCases.AsNoTracking().Where(c => ids.Contains(c.OrgId));
        if (filter.Year is { } y)
        {
            var (first, last) = ChineseDates.YearSpan(y);
            query = query.Where(c => c.ReceivedOn >= first && c.ReceivedOn <= last);
        }

        var cases = await query.OrderBy(c => c.ReceivedOn).ThenBy(c => c.CaseNumber).ToListAsync(ct);
        var applicants = new Dictionary<Guid, List<string>>();
        foreach (var chunk in cases.Select(c => c.Id).Chunk(500))
        {
            foreach (var p in await db.ReconsiderationParties.AsNoTracking().Where(p => chunk.Contains(p.CaseId) && p.Role == PartyRole.Applicant)
                         .OrderBy(p => p.Position).Select(p => new { p.CaseId, p.Name }).ToListAsync(ct))
            {
                (applicants.TryGetValue(p.CaseId, out var l) ? l : applicants[p.CaseId] = []).Add(p.Name);
            }
        }

        var respondentIds = cases.Select(c => c.RespondentOrgId).OfType<Guid>().Distinct().ToList();
        var respondentCodes = new Dictionary<Guid, string>();
        foreach (var chunk in respondentIds.Chunk(500))
        {
            foreach (var o in await db.Orgs.AsNoTracking().Where(o => chunk.Contains(o.Id)).Select(o => new { o.Id, o.Code }).ToListAsync(ct))
            {
                respondentCodes[o.Id] = o.Code;
            }
        }

        var records = cases.Select(c => new ReconsiderationImportRecord
        {
            CaseNumber = c.CaseNumber,
            Org = orgs.Value[c.OrgId],
            LawVersion = c.LawVersion,
            ReceivedOn = ChineseDates.Iso(c.ReceivedOn),
            Channel = ReconsiderationCodes.Channels.Code(c.Channel),
            Respondent = c.RespondentOrgId is { } rid && respondentCodes.TryGetValue(rid, out var code) ? code : c.RespondentName,
            MatterType = ReconsiderationCodes.Matters.Code(c.Matter),
            ChallengedAct = c.ChallengedAct,
            ActDate = Iso(c.ActDate),
            Request = c.Request,
            Applicants = applicants.GetValueOrDefault(c.Id),
            AcceptedOn = Iso(c.AcceptedOn),
            NotAcceptedOn = Iso(c.NotAcceptedOn),
            Procedure = c.Procedure is { } p ? ReconsiderationCodes.Procedures.Code(p) : null,
            ClosedOn = c.Stage == ReconsiderationStage.Closed ? Iso(c.ClosedOn) : null,
            Outcome = c.Outcome is { } o ? ReconsiderationCodes.Outcomes.Code(o) : null,
        });
        await CaseTemplates.WriteRecordsAsync(output, format, ReconsiderationTemplate.Columns, "行政复议案件", records, CaseImportJsonContext.Default.ReconsiderationImportRecord, ct);
        return cases.Count;
    }

    private static string? Iso(DateOnly? d) => d is { } v ? ChineseDates.Iso(v) : null;
}

/// <summary>A validated reconsideration row.</summary>
internal sealed class PreparedReconsideration(ReconsiderationCase c, List<ReconsiderationParty> parties, Clock? clock, string tokens)
    : IPreparedCase
{
    public ReconsiderationCase Case => c;

    public List<ReconsiderationParty> Parties => parties;

    public Clock? Clock => clock;

    public string Tokens => tokens;

    /// <summary>The case row's audit entry, chained on the preparing thread (<see cref="AuditBatch.NextCreated"/>).</summary>
    public AuditEntry? Entry { get; set; }

    /// <summary>The rows encoded for the SQLite writers on the preparing threads (null: encoded when written).</summary>
    public EncodedRow? EncodedCase { get; set; }

    public EncodedRow?[] EncodedParties { get; set; } = [];

    public EncodedRow? EncodedClock { get; set; }

    public EncodedRow? EncodedSearch { get; set; }

    public EncodedRow? EncodedEntry { get; set; }

    public Guid OrgId => c.OrgId;

    public string CaseNumber => c.CaseNumber;
}

internal sealed class ReconsiderationImporter(AppDbContext db, TimeProvider clock)
    : CaseImporter<ReconsiderationImportRecord, PreparedReconsideration>(db, clock)
{
    private BulkWriter<ReconsiderationCase>? _cases;
    private BulkWriter<ReconsiderationParty>? _parties;
    private BulkWriter<Clock>? _clocks;
    private AuditBatch? _audit;
    private bool _encode;

    protected override JsonTypeInfo<ReconsiderationImportRecord> JsonType => CaseImportJsonContext.Default.ReconsiderationImportRecord;

    protected override IReadOnlyList<Type> BulkTables => [typeof(ReconsiderationCase), typeof(ReconsiderationParty), typeof(Clock)];

    protected override IReadOnlyList<string> RequiredHeaders => ["案号", "复议机关编码", "收到申请日期", "被申请人", "行政行为类别"];

    protected override async Task<List<(Guid OrgId, string Number)>> ExistingAsync(Guid[] orgIds, CancellationToken ct) =>
        [.. (await Db.ReconsiderationCases.AsNoTracking().Where(c => orgIds.Contains(c.OrgId)).Select(c => new { c.OrgId, c.CaseNumber }).ToListAsync(ct))
            .Select(c => (c.OrgId, c.CaseNumber))];

    protected override ReconsiderationImportRecord FromTable(TableRow row)
    {
        var r = new ReconsiderationImportRecord();
        foreach (var col in ReconsiderationTemplate.Columns)
        {
            var v = row[col.Header];
            if (v.Length > 0)
            {
                col.Set(r, v);
            }
        }

        return r;
    }

    protected override PreparedReconsideration? Prepare(ReconsiderationImportRecord r, int line, List<string> errors)
    {
        var number = CaseImportText.Required(r.CaseNumber, "案号", ReconsiderationCase.MaxCaseNumberLength, errors);
        var orgCode = r.Org?.Trim() ?? "";
        Guid orgId = default;
        if (orgCode.Length == 0)
        {
            errors.Add("复议机关编码（org）不能为空。");
        }
        else if (Orgs.Find(orgCode) is not { } found)
        {
            errors.Add($"复议机关编码“{orgCode}”不存在。");
        }
        else if (!Orgs.InScope(found))
        {
            errors.Add($"复议机关“{orgCode}”不在您的管辖范围内。");
        }
        else
        {
            orgId = found;
        }

        var received = CaseImportText.Date(r.ReceivedOn, "收到申请日期", Today, errors);
        if (received is null && string.IsNullOrWhiteSpace(r.ReceivedOn))
        {
            errors.Add("收到申请日期（received_on）不能为空。");
        }

        var version = LawVersions.V2023;
        if (received is { } rec)
        {
            if (!LawVersions.TryResolve(r.LawVersion, rec, out version))
            {
                errors.Add($"适用法律版本“{r.LawVersion}”无效，只能是 2017 或 2023。");
            }
            else if (version == LawVersions.V2023 && rec < LawVersions.Effective2023)
            {
                errors.Add("2024年1月1日前收到的申请不能适用2023年修订的《行政复议法》（第九十条）。");
            }
        }

        var channel = CaseImportText.Code(r.Channel, ReconsiderationCodes.Channels, "申请方式", errors) ?? IntakeChannel.Import;
        var respondent = CaseImportText.Required(r.Respondent, "被申请人", ReconsiderationCase.MaxNameLength, errors);
        MatterType matter = default;
        if (string.IsNullOrWhiteSpace(r.MatterType))
        {
            errors.Add("行政行为类别（matter_type）不能为空。");
        }
        else if (CaseImportText.Code(r.MatterType, ReconsiderationCodes.Matters, "行政行为类别", errors) is { } m)
        {
            matter = m;
        }

        var act = CaseImportText.Optional(r.ChallengedAct, "被申请的行政行为", ReconsiderationCase.MaxTextLength, errors);
        var request = CaseImportText.Optional(r.Request, "行政复议请求", ReconsiderationCase.MaxTextLength, errors);
        var actDate = CaseImportText.Date(r.ActDate, "行政行为作出日期", Today, errors);
        if (actDate > received)
        {
            errors.Add("行政行为作出日期不能晚于收到申请日期。");
        }

        var applicants = (r.Applicants ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList();
        if (applicants.Any(a => a.Length > ReconsiderationCase.MaxNameLength))
        {
            errors.Add($"申请人姓名或名称不超过 {ReconsiderationCase.MaxNameLength} 个字符。");
        }

        var accepted = CaseImportText.Date(r.AcceptedOn, "受理日期", Today, errors);
        var notAccepted = CaseImportText.Date(r.NotAcceptedOn, "不予受理日期", Today, errors);
        var closed = CaseImportText.Date(r.ClosedOn, "结案日期", Today, errors);
        var procedure = CaseImportText.Code(r.Procedure, ReconsiderationCodes.Procedures, "审理程序", errors);
        var outcome = CaseImportText.Code(r.Outcome, ReconsiderationCodes.Outcomes, "结案方式", errors);
        if (accepted is not null && notAccepted is not null)
        {
            errors.Add("受理日期和不予受理日期只能填一个。");
        }

        if (accepted < received)
        {
            errors.Add($"受理日期 {CaseImportText.Iso(accepted)} 不能早于收到申请日期 {CaseImportText.Iso(received)}。");
        }

        if (notAccepted < received)
        {
            errors.Add($"不予受理日期 {CaseImportText.Iso(notAccepted)} 不能早于收到申请日期 {CaseImportText.Iso(received)}。");
        }

        if (procedure is not null && accepted is null && string.IsNullOrWhiteSpace(r.AcceptedOn))
        {
            errors.Add("未受理的案件不能填写审理程序。");
        }

        if (procedure == ReviewProcedure.Simplified && version == LawVersions.V2017)
        {
            errors.Add("2017年《行政复议法》没有简易程序。");
        }

        if (!string.IsNullOrWhiteSpace(r.ClosedOn) && string.IsNullOrWhiteSpace(r.AcceptedOn))
        {
            errors.Add("未受理的案件不能结案：填写结案日期时须填写受理日期。");
        }

        if (closed < accepted)
        {
            errors.Add($"结案日期 {CaseImportText.Iso(closed)} 不能早于受理日期 {CaseImportText.Iso(accepted)}。");
        }

        if (!string.IsNullOrWhiteSpace(r.Outcome) && string.IsNullOrWhiteSpace(r.ClosedOn))
        {
            errors.Add("填写了结案方式但没有结案日期。");
        }

        if (!string.IsNullOrWhiteSpace(r.ClosedOn) && string.IsNullOrWhiteSpace(r.Outcome))
        {
            errors.Add("填写了结案日期但没有结案方式。");
        }

        if (outcome == ReconsiderationOutcome.ConfirmInvalid && version == LawVersions.V2017)
        {
            errors.Add("确认无效决定是2023年修订的《行政复议法》（第六十七条）新增的，2017年法律不适用。");
        }

        if (errors.Count > 0 || received is not { } receivedOn)
        {
            return null;
        }

        Guid? respondentId = null;
        if (Orgs.Named(respondent) is { } ro)
        {
            respondentId = ro.Id;
            respondent = ro.Name;
        }

        var names = string.Join("、", applicants);
        var c = ReconsiderationCase.Create(orgId, number, version, channel, receivedOn, respondentId, respondent, matter, actDate, act, request,
            names[..Math.Min(names.Length, 400)], null, null, NowUtc);
        var stage = closed is not null ? ReconsiderationStage.Closed
            : notAccepted is not null ? ReconsiderationStage.NotAccepted
            : accepted is not null ? ReconsiderationStage.Accepted
            : ReconsiderationStage.Received;
        var proc = accepted is null ? (ReviewProcedure?)null : procedure ?? ReviewProcedure.Ordinary;
        c.ImportState(stage, accepted, notAccepted, proc, closed, outcome);

        // The statutory clock of the stage: acceptance review until accepted or refused, then the decision period.
        var (rule, start, stop) = accepted is { } a
            ? (proc == ReviewProcedure.Simplified ? "reconsideration.decision-simplified" : "reconsideration.decision", a, closed)
            : ("reconsideration.acceptance-review", receivedOn, notAccepted);
        var opened = Clock.Open(Snapshot, orgId, ReconsiderationCodes.CaseType, c.Id.ToString(), null, rule, version, start, NowUtc);
        if (opened.IsError)
        {
            errors.Add($"无法计算法定期限：{Describe(opened.Error)}");
            return null;
        }

        if (stop is { } s && opened.Value.Stop(Snapshot, s) is { IsError: true } stopped)
        {
            errors.Add($"无法计算法定期限：{Describe(stopped.Error!)}");
            return null;
        }

        var position = 0;
        var parties = applicants.Select(a => ReconsiderationParty.Create(c.Id, ++position, PartyRole.Applicant, a, null, null, null)).ToList();
        var lastDay = closed ?? notAccepted ?? accepted ?? receivedOn;
        var source = Options.SourceName is { Length: > 0 } f ? $"{f} 第 {line} 行" : $"第 {line} 行";
        c.NoteImport(lastDay, $"批量导入（{source}）：{ReconsiderationCodes.Stages.Label(stage)}" + (outcome is { } o ? $"，{ReconsiderationCodes.Outcomes.Label(o)}" : ""));
        var tokens = RegisterReconsiderationHandler.SearchTokens(c, applicants);
        var prepared = new PreparedReconsideration(c, parties, opened.Value, tokens);
        if (_encode)
        {
            // Also here: the rows in the form the SQLite statements bind, so that the writing thread only binds and steps.
            prepared.EncodedCase = _cases!.Encode(c);
            prepared.EncodedParties = [.. parties.Select(_parties!.Encode)];
            prepared.EncodedClock = _clocks!.Encode(opened.Value);
            prepared.EncodedSearch = CaseSearch.EncodeRow(ReconsiderationCodes.CaseType, c.Id, tokens);
        }

        return prepared;
    }

    protected override async Task BeginAsync(CancellationToken ct)
    {
        _cases = new BulkWriter<ReconsiderationCase>(Db, Batch);
        _parties = new BulkWriter<ReconsiderationParty>(Db, 1000);
        _clocks = new BulkWriter<Clock>(Db, Batch);
        _audit = await AuditBatch.BeginAsync(Db, NowUtc, ct);
        _encode = _cases.EnableEncoding() & _parties.EnableEncoding() & _clocks.EnableEncoding() & _audit.EnableEncoding();
    }

    protected override void Chain(IReadOnlyList<PreparedReconsideration> rows)
    {
        var digests = AuditBatch.DigestMany(Db.Model.FindEntityType(typeof(ReconsiderationCase))!, rows.Select(r => r.Case).ToList());
        for (var i = 0; i < rows.Count; i++)
        {
            var prepared = rows[i];
            prepared.Entry = _audit!.NextCreated(nameof(ReconsiderationCase), prepared.Case.Id.ToString(), digests[i]);
            prepared.EncodedEntry = _encode ? _audit.Encode(prepared.Entry) : null;
        }
    }

    protected override async Task WriteAsync(IReadOnlyList<PreparedReconsideration> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }

        // Parents before children (foreign keys): each table's rows of the batch are written before the next table's.
        var phase = Tracing.Phase("import.cases+audit");
        foreach (var p in batch)
        {
            await _cases!.AddAsync(p.Case, p.EncodedCase, ct);
            await _audit!.AddAsync(p.Entry!, p.EncodedEntry, ct);
        }

        await _cases!.FlushAsync(ct);
        phase?.Dispose();
        phase = Tracing.Phase("import.parties+clocks");
        foreach (var p in batch)
        {
            for (var k = 0; k < p.Parties.Count; k++)
            {
                await _parties!.AddAsync(p.Parties[k], k < p.EncodedParties.Length ? p.EncodedParties[k] : null, ct);
            }

            if (p.Clock is not null)
            {
                await _clocks!.AddAsync(p.Clock, p.EncodedClock, ct);
            }

        }

        await _parties!.FlushAsync(ct);
        await _clocks!.FlushAsync(ct);
        phase?.Dispose();
        using var search = Tracing.Phase("import.search");
        await CaseSearch.InsertManyAsync(Db, ReconsiderationCodes.CaseType, batch.Select(p => (p.Case.Id, p.Tokens, p.EncodedSearch)), ct);
    }

    protected override Task CompleteAsync(CancellationToken ct) => _audit!.CompleteAsync(ct);

    protected override async ValueTask DisposeWritersAsync()
    {
        foreach (var w in new IAsyncDisposable?[] { _cases, _parties, _clocks, _audit })
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

    private static string Describe(Error e) => e is ValidationError v ? string.Join(" ", v.Fields.Values.SelectMany(m => m)) : e.Message;
}
