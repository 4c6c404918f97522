namespace Fazhi.Core.Clocks;

/// <summary>
/// The statutory periods as code (law.md §1–§8). Each version names its law, version and article; values the brief marks
/// UNVERIFIED come from <see cref="ClockSettings"/>.
/// </summary>
public sealed class RuleCatalog
{
    private const string Xfy23 = "《中华人民共和国行政复议法》（2023年修订，2024年1月1日起施行）";
    private const string Xfy17 = "《中华人民共和国行政复议法》（2017年修正）";
    private const string Xfyss = "《中华人民共和国行政复议法实施条例》（2007年）";
    private const string Xss = "《中华人民共和国行政诉讼法》（2017年修正）";
    private const string Cf = "《中华人民共和国行政处罚法》（2021年修订）";
    private const string Gk = "《中华人民共和国政府信息公开条例》（2019年修订）";
    private const string Jc = "《重大行政决策程序暂行条例》（国务院令第713号，2019年9月1日起施行）";
    private const string Dc = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）";

    // XFY23 Art.88 / XFY17 Art.40 / CF Art.85 / XSJS Art.48: how each law counts its days.
    private const string Xfy23Days = "第八十八条：三日、五日、七日、十日为工作日，其他期间为自然日";
    private const string Xfy17Days = "第四十条：仅五日、七日为工作日，其余为自然日";
    private const string CfDays = "第八十五条：二日、三日、五日、七日为工作日";
    private const string XssDays = "期间计算依《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》第四十八条：期间届满的最后一日是节假日的，以节假日后的第一日为期间届满的日期";

    private static readonly DateOnly Xfy23From = new(2024, 1, 1);
    private static readonly DateOnly Xfy17To = new(2023, 12, 31);

    private readonly Dictionary<string, StatutoryRule> _byId;

    private RuleCatalog(IReadOnlyList<StatutoryRule> rules, ClockSettings settings)
    {
        Rules = rules;
        Settings = settings;
        _byId = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>The catalog with the defaults of law.md.</summary>
    public static RuleCatalog Default { get; } = Create(new ClockSettings());

    /// <summary>All rules, grouped by line of work.</summary>
    public IReadOnlyList<StatutoryRule> Rules { get; }

    /// <summary>The settings the catalog was built with.</summary>
    public ClockSettings Settings { get; }

    /// <summary>The rule with this id, or null.</summary>
    public StatutoryRule? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Builds the catalog for an installation's settings.</summary>
    public static RuleCatalog Create(ClockSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var rules = new List<StatutoryRule>();
        Reconsideration(rules, settings);
        Litigation(rules);
        Penalty(rules, settings);
        InformationDisclosure(rules);
        Mediation(rules, settings);
        NormativeDocuments(rules, settings);
        MajorDecisions(rules);
        AnnualReport(rules, settings);
        return new RuleCatalog(rules, settings);
    }

    private static RuleVersion V23(string article, int length, PeriodUnit unit, string trigger) => new()
    {
        Version = "2023",
        Law = Xfy23,
        Article = article,
        EffectiveFrom = Xfy23From,
        Length = length,
        Unit = unit,
        Trigger = trigger,
        UnitBasis = Xfy23Days,
    };

    private static RuleVersion V17(string law, string article, int length, PeriodUnit unit, string trigger) => new()
    {
        Version = "2017",
        Law = law,
        Article = article,
        EffectiveTo = Xfy17To,
        Length = length,
        Unit = unit,
        Trigger = trigger,
        UnitBasis = Xfy17Days,
    };

    private static void Reconsideration(List<StatutoryRule> rules, ClockSettings s)
    {
        const string area = "行政复议";
        var wd = PeriodUnit.WorkingDays;
        var cd = PeriodUnit.CalendarDays;
        IReadOnlyList<SuspensionKind> decisionStops = s.SuspensionStopsReconsiderationDecision ? [SuspensionKind.CaseSuspended] : [];
        const string decisionStopsNote = "中止期间是否计入审理期限，法律未明确规定，按实践不计入（可配置）。";

        rules.Add(new("reconsideration.application", "申请行政复议期限", area,
        [
            V23("第二十条第一款、第二款", 60, cd, "知道或者应当知道行政行为之日") with { StoppedBy = [SuspensionKind.Obstacle] },
            V17(Xfy17, "第九条", 60, cd, "知道该具体行政行为之日") with { StoppedBy = [SuspensionKind.Obstacle] },
        ]));
        rules.Add(new("reconsideration.acceptance-review", "受理审查", area,
        [
            V23("第三十条、第八十八条", 5, wd, "收到行政复议申请之日"),
            V17(Xfy17, "第十七条、第四十条", 5, wd, "收到行政复议申请之日") with
            {
                StoppedBy = [SuspensionKind.CorrectionPending],
            },
        ]));
        rules.Add(new("reconsideration.correction-notice", "通知补正", area,
        [
            V23("第三十一条第一款、第八十八条", 5, wd, "收到行政复议申请之日"),
            V17(Xfyss, "第二十九条", 5, s.Reconsideration2017CorrectionNoticeUnit, "收到行政复议申请之日") with
            {
                UnitBasis = "实施条例写作“五日”，未说明是否为工作日",
                Unverified = "2007年实施条例第二十九条的“五日”是否为工作日未经核实，默认按工作日计算（可配置）。",
            },
        ]));
        rules.Add(new("reconsideration.correction-submission", "申请人补正", area,
        [
            V23("第三十一条第二款、第八十八条", 10, wd, "申请人收到补正通知之日") with
            {
                Extension = new(null, "行政复议机构（有正当理由不能按期补正的，可以延长合理的补正期限）", "第三十一条第二款"),
            },
        ]));
        rules.Add(new("reconsideration.forward-on-the-spot-penalty", "当场或电子监控处罚案件转送", area,
        [
            V23("第三十二条、第八十八条", 5, wd, "作出处罚的行政机关收到行政复议申请之日"),
        ]));
        rules.Add(new("reconsideration.forward-by-county", "县级政府转送复议申请", area,
        [
            V17(Xfy17, "第十八条、第四十条", 7, wd, "县级地方人民政府收到行政复议申请之日"),
        ]));
        rules.Add(new("reconsideration.copy-to-respondent", "发送申请书副本（普通程序）", area,
        [
            V23("第四十八条、第八十八条", 7, wd, "受理之日"),
            V17(Xfy17, "第二十三条、第四十条", 7, wd, "受理之日（申请书副本或笔录复印件发送被申请人）"),
        ]));
        rules.Add(new("reconsideration.copy-to-respondent-simplified", "发送申请书副本（简易程序）", area,
        [
            V23("第五十四条、第八十八条", 3, wd, "受理之日"),
        ]));
        rules.Add(new("reconsideration.respondent-answer", "被申请人答复（普通程序）", area,
        [
            V23("第四十八条、第八十八条", 10, wd, "被申请人收到申请书副本或者笔录复印件之日"),
            V17(Xfy17, "第二十三条、第四十条", 10, cd, "被申请人收到申请书副本或者申请笔录复印件之日"),
        ]));
        rules.Add(new("reconsideration.respondent-answer-simplified", "被申请人答复（简易程序）", area,
        [
            V23("第五十四条、第八十八条", 5, wd, "被申请人收到申请书副本或者笔录复印件之日"),
        ]));
        rules.Add(new("reconsideration.decision", "作出行政复议决定（普通程序）", area,
        [
            V23("第六十二条第一款", 60, cd, "受理之日") with
            {
                StoppedBy = decisionStops,
                Extension = new(30, "行政复议机构的负责人批准，并书面告知当事人", "第六十二条第一款"),
                Unverified = decisionStopsNote,
            },
            V17(Xfy17, "第三十一条", 60, cd, "受理之日") with
            {
                StoppedBy = decisionStops,
                Extension = new(30, "行政复议机关的负责人批准，并告知申请人和被申请人", "第三十一条"),
                Unverified = decisionStopsNote,
            },
        ]));
        rules.Add(new("reconsideration.decision-simplified", "作出行政复议决定（简易程序）", area,
        [
            V23("第六十二条第二款", 30, cd, "受理之日") with
            {
                StoppedBy = decisionStops,
                Unverified = decisionStopsNote + "转为普通程序后的期限如何衔接未经核实。",
            },
        ]));
        rules.Add(new("reconsideration.normative-document-review", "附带审查规范性文件（有权处理）", area,
        [
            V23("第五十六条", 30, cd, "提出审查申请或者发现规范性文件问题之日"),
            V17(Xfy17, "第二十六条", 30, cd, "提出审查申请之日"),
        ]));
        rules.Add(new("reconsideration.normative-document-forward", "附带审查规范性文件（无权处理的转送）", area,
        [
            V23("第五十六条、第八十八条", 7, wd, "提出审查申请或者发现规范性文件问题之日"),
            V17(Xfy17, "第二十六条、第四十条", 7, wd, "提出审查申请之日"),
        ]));
        rules.Add(new("reconsideration.drafting-body-notice", "通知规范性文件制定机关", area,
        [
            V23("第五十八条、第八十八条", 3, wd, "中止行政复议案件审理之日"),
        ]));
        rules.Add(new("reconsideration.drafting-body-answer", "制定机关书面答复", area,
        [
            V23("第五十八条、第八十八条", 10, wd, "制定机关收到书面通知之日"),
        ]));
        rules.Add(new("reconsideration.normative-document-reply", "接受转送机关处理规范性文件", area,
        [
            V23("第六十条", 60, cd, "收到转送之日"),
            V17(Xfy17, "第二十六条", 60, cd, "收到转送之日"),
        ]));
        rules.Add(new("reconsideration.opinion-letter-reply", "意见书反馈纠正情况", area,
        [
            V23("第七十六条", 60, cd, "收到行政复议意见书之日"),
            V17(Xfyss, "第五十七条第一款", 60, cd, "收到行政复议意见书之日"),
        ]));
        rules.Add(new("reconsideration.remake-act", "被撤销后重新作出行政行为", area,
        [
            V17(Xfyss, "第四十九条", 60, cd, "收到行政复议决定之日（法律、法规、规章未规定期限的）"),
        ]));
        rules.Add(new("reconsideration.suspension-termination", "中止满六十日终止", area,
        [
            V23("第四十一条第（五）项", 60, cd, "因死亡、丧失行为能力或者终止而中止之日"),
        ]));
        rules.Add(new("reconsideration.lawsuit-after-mandatory", "复议前置案件起诉", area,
        [
            V23("第三十四条", 15, cd, "收到不予受理决定书、驳回申请决定书或者行政复议决定书之日，或者行政复议期限届满之日"),
        ]));
    }

    private static RuleVersion Litig(string article, int length, PeriodUnit unit, string trigger) => new()
    {
        Version = "2017",
        Law = Xss,
        Article = article,
        Length = length,
        Unit = unit,
        Trigger = trigger,
        UnitBasis = XssDays,
    };

    private static void Litigation(List<StatutoryRule> rules)
    {
        const string area = "行政应诉";
        var cd = PeriodUnit.CalendarDays;
        rules.Add(new("litigation.filing", "直接起诉期限", area, [Litig("第四十六条", 6, PeriodUnit.Months, "知道或者应当知道作出行政行为之日")]));
        rules.Add(new("litigation.after-reconsideration", "复议后起诉期限", area, [Litig("第四十五条", 15, cd, "收到行政复议决定书之日，或者复议期满之日")]));
        rules.Add(new("litigation.complaint-service", "法院发送起诉状副本", area, [Litig("第六十七条", 5, cd, "立案之日")]));
        rules.Add(new("litigation.defence", "被告提交答辩状和证据", area, [Litig("第六十七条", 15, cd, "收到起诉状副本之日")]));
        rules.Add(new("litigation.defence-forwarding", "法院发送答辩状副本", area, [Litig("第六十七条", 5, cd, "收到答辩状之日")]));
        rules.Add(new("litigation.first-instance", "第一审审理期限", area,
        [
            Litig("第八十一条", 6, PeriodUnit.Months, "立案之日") with { Extension = new(null, "高级人民法院批准（高级人民法院审理的由最高人民法院批准）", "第八十一条") },
        ]));
        rules.Add(new("litigation.first-instance-simplified", "简易程序审理期限", area, [Litig("第八十三条", 45, cd, "立案之日")]));
        rules.Add(new("litigation.appeal-judgment", "不服判决上诉期限", area, [Litig("第八十五条", 15, cd, "判决书送达之日")]));
        rules.Add(new("litigation.appeal-ruling", "不服裁定上诉期限", area, [Litig("第八十五条", 10, cd, "裁定书送达之日")]));
        rules.Add(new("litigation.second-instance", "第二审审理期限", area,
        [
            Litig("第八十八条", 3, PeriodUnit.Months, "收到上诉状之日") with { Extension = new(null, "高级人民法院批准（高级人民法院审理的由最高人民法院批准）", "第八十八条") },
        ]));
    }

    private static RuleVersion Cf21(string article, int length, PeriodUnit unit, string trigger) => new()
    {
        Version = "2021",
        Law = Cf,
        Article = article,
        Length = length,
        Unit = unit,
        Trigger = trigger,
        UnitBasis = CfDays,
    };

    private static void Penalty(List<StatutoryRule> rules, ClockSettings s)
    {
        const string area = "行政处罚与执法公示";
        var wd = PeriodUnit.WorkingDays;
        var cd = PeriodUnit.CalendarDays;
        rules.Add(new("penalty.evidence-preservation", "先行登记保存证据的处理", area, [Cf21("第五十六条、第八十五条", 7, wd, "先行登记保存之日")]));
        rules.Add(new("penalty.hearing-request", "当事人要求听证", area, [Cf21("第六十四条第（一）项、第八十五条", 5, wd, "行政机关告知之日")]));
        rules.Add(new("penalty.decision", "作出行政处罚决定", area,
        [
            Cf21("第六十条", 90, cd, "立案之日") with
            {
                StoppedBy = [SuspensionKind.CaseSuspended, SuspensionKind.Hearing, SuspensionKind.Announcement, SuspensionKind.Testing],
                Extension = new(s.PenaltyDecisionExtensionDays, "行政机关负责人批准（市场监管部门规定；其他领域以本领域规定为准）", "第六十条（法律、法规、规章另有规定的，从其规定）"),
                Unverified = "延长期限和不计入期限的情形（中止、听证、公告、检测检验检疫鉴定）取自市场监管部门的程序规定，其他领域未经核实（可配置）。",
            },
        ]));
        rules.Add(new("penalty.service", "送达行政处罚决定书", area, [Cf21("第六十一条、第八十五条", 7, wd, "作出行政处罚决定之日（未当场交付的）")]));
        rules.Add(new("penalty.payment", "缴纳罚款", area, [Cf21("第六十七条第三款", 15, cd, "收到行政处罚决定书之日")]));
        rules.Add(new("penalty.publication-withdrawal", "撤回已公开的处罚决定", area, [Cf21("第四十八条第二款、第八十五条", 3, wd, "处罚决定被变更、撤销、确认违法或者确认无效之日")]));
        rules.Add(new("penalty.limitation", "追责时效（一般）", area, [Cf21("第三十六条第一款", 24, PeriodUnit.Months, "违法行为发生之日（连续或者继续状态的，从行为终了之日）")]));
        rules.Add(new("penalty.limitation-extended", "追责时效（涉及生命健康、金融安全且有危害后果）", area, [Cf21("第三十六条第一款", 60, PeriodUnit.Months, "违法行为发生之日（连续或者继续状态的，从行为终了之日）")]));
        rules.Add(new("penalty.publication", "行政处罚决定公示（双公示）", area,
        [
            new RuleVersion
            {
                Version = "2018", Law = "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）",
                Article = "“加强事后公开”部分", Length = 7, Unit = wd, Trigger = "作出行政处罚决定之日",
                Unverified = "“7个工作日内公开”据国务院新闻办发布会介绍和地方文件，指导意见原文条款未核对。",
            },
        ]));
        rules.Add(new("penalty.publication-samr", "市场监管行政处罚信息公示", area,
        [
            new RuleVersion
            {
                Version = "2021", Law = "《市场监督管理行政处罚信息公示规定》（国家市场监督管理总局令第45号，2021年9月1日起施行）",
                Article = "第九条", Length = 20, Unit = wd, Trigger = "作出行政处罚决定之日（当事人登记地在同一省）",
            },
        ]));
        rules.Add(new("enforcement.publication", "行政执法决定公开（一般）", area,
        [
            new RuleVersion
            {
                Version = "2018", Law = "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）",
                Article = "“加强事后公开”部分", Length = 20, Unit = wd, Trigger = "作出执法决定之日",
                Unverified = "“20个工作日内公开”据国务院新闻办发布会介绍，指导意见原文条款未核对。",
            },
        ]));
        rules.Add(new("random-inspection.publication", "“双随机、一公开”抽查结果公示", area,
        [
            new RuleVersion
            {
                Version = "2019", Law = "《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》（国发〔2019〕5号）",
                Article = "（条次未核实）", Length = s.RandomInspectionPublicationWorkingDays, Unit = wd, Trigger = "抽查检查结束之日",
                Unverified = "“20个工作日内公示”见于地方实施文件，国发〔2019〕5号原文未核对（可配置）。",
            },
        ]));
    }

    private static RuleVersion Gk19(string article, int length, PeriodUnit unit, string trigger) => new()
    {
        Version = "2019",
        Law = Gk,
        Article = article,
        Length = length,
        Unit = unit,
        Trigger = trigger,
    };

    private static void InformationDisclosure(List<StatutoryRule> rules)
    {
        const string area = "政府信息公开";
        var wd = PeriodUnit.WorkingDays;
        rules.Add(new("information-request.correction-notice", "通知补正申请", area, [Gk19("第三十条", 7, wd, "收到政府信息公开申请之日")]));
        rules.Add(new("information-request.reply", "答复政府信息公开申请", area,
        [
            Gk19("第三十三条第二款", 20, wd, "收到政府信息公开申请之日（补正的，自收到补正后的申请之日）") with
            {
                StoppedBy = [SuspensionKind.Consultation],
                Extension = new(20, "政府信息公开工作机构负责人同意，并告知申请人", "第三十三条第二款"),
            },
        ]));
        rules.Add(new("information-request.third-party-opinion", "第三方提出意见", area, [Gk19("第三十二条", 15, wd, "第三方收到征求意见书之日")]));
        rules.Add(new("information-disclosure.proactive", "主动公开", area, [Gk19("第二十六条", 20, wd, "政府信息形成或者变更之日")]));
        rules.Add(new("information-disclosure.annual-report-department", "政府信息公开工作年度报告（部门）", area,
        [
            Gk19("第四十九条", 0, PeriodUnit.FixedDate, "报告年度结束（输入该年度内任一日期）") with { FixedDate = (1, 31) },
        ]));
        rules.Add(new("information-disclosure.annual-report-government", "政府信息公开工作年度报告（县级以上人民政府）", area,
        [
            Gk19("第四十九条", 0, PeriodUnit.FixedDate, "报告年度结束（输入该年度内任一日期）") with { FixedDate = (3, 31) },
        ]));
    }

    private static void Mediation(List<StatutoryRule> rules, ClockSettings s)
    {
        const string area = "人民调解";
        rules.Add(new("mediation.judicial-confirmation", "申请司法确认", area,
        [
            new RuleVersion
            {
                Version = "2010", Law = "《中华人民共和国人民调解法》（2010年）", Article = "第三十三条", Length = 30, Unit = PeriodUnit.CalendarDays,
                Trigger = "调解协议生效之日", UnitBasis = "期间按《中华人民共和国民事诉讼法》第八十五条计算",
            },
        ]));
        rules.Add(new("mediation.conclusion", "调解结案（一般）", area,
        [
            new RuleVersion
            {
                Version = "2002", Law = "《人民调解工作若干规定》（司法部令第75号，2002年）", Article = "第三十三条", Length = s.MediationConclusionMonths,
                Unit = PeriodUnit.Months, Trigger = "受理纠纷之日",
                Unverified = "该规定现行有效性未经核实（可配置）。",
            },
        ]));
    }

    private static void NormativeDocuments(List<StatutoryRule> rules, ClockSettings s)
    {
        const string area = "合法性审核与备案";
        var cd = PeriodUnit.CalendarDays;
        var filing = s.Province?.ToUpperInvariant() switch
        {
            "BJ" => new RuleVersion
            {
                Version = "BJ-2024",
                Law = "《北京市各级人民代表大会常务委员会规范性文件备案审查条例》（2024年）",
                Article = "第十一条、第十二条",
                Length = 30,
                Unit = cd,
                Trigger = "规范性文件公布之日",
            },
            "SH" => new RuleVersion
            {
                Version = "SH-2024",
                Law = "《上海市人民代表大会常务委员会规范性文件备案审查条例》（2024年）",
                Article = "第十条",
                Length = 30,
                Unit = cd,
                Trigger = "规范性文件公布之日",
            },
            "SD" => new RuleVersion
            {
                Version = "SD-2017",
                Law = "《山东省各级人民代表大会常务委员会规范性文件备案审查规定》（2017年）",
                Article = "第七条",
                Length = 30,
                Unit = cd,
                Trigger = "规范性文件公布之日",
            },
            _ => new RuleVersion
            {
                Version = "province",
                Law = "本省（自治区、直辖市）人大常委会规范性文件备案审查条例",
                Article = "（按本省条例）",
                Length = s.NormativeDocumentFilingDays,
                Unit = cd,
                Trigger = "规范性文件公布之日",
                Unverified = "北京、上海、山东的条例均为公布之日起三十日内报送备案；其他省份未经核实，默认三十日（可按省配置）。",
            },
        };
        rules.Add(new("normative-document.filing", "规范性文件报人大常委会备案", area, [filing]));
        rules.Add(new("normative-document.filing-higher-government", "规范性文件报上级政府备案", area,
        [
            new RuleVersion
            {
                Version = "province", Law = "本省（自治区、直辖市）人民政府规范性文件备案规定", Article = "（按本省规定）",
                Length = s.HigherGovernmentFilingDays, Unit = cd, Trigger = "规范性文件公布之日",
                Unverified = "仅核实到一个省的规定为公布之日起三十日内；其他地方未经核实（可配置）。",
            },
        ]));
        rules.Add(new("normative-document.legality-review", "规范性文件合法性审核", area,
        [
            new RuleVersion
            {
                Version = "2018", Law = "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）",
                Article = "（条次未核实）", Length = s.NormativeDocumentLegalityReviewWorkingDays, Unit = PeriodUnit.WorkingDays,
                Trigger = "审核机构收到送审材料之日",
                Unverified = "“原则上不少于5个工作日，最长不超过15个工作日”未经原文核实（可配置）。",
            },
        ]));
        rules.Add(new("regulation.filing", "法规规章报送备案", area,
        [
            new RuleVersion
            {
                Version = "2024", Law = "《法规规章备案审查条例》（2024年）", Article = "第四条", Length = 30, Unit = cd, Trigger = "法规、规章公布之日",
            },
        ]));
    }

    private static void MajorDecisions(List<StatutoryRule> rules)
    {
        const string area = "重大行政决策";
        rules.Add(new("major-decision.public-comment", "公开征求意见期间", area,
        [
            new RuleVersion
            {
                Version = "2019", Law = Jc, Article = "第十五条", Length = 30, Unit = PeriodUnit.CalendarDays, Kind = PeriodKind.Minimum,
                Trigger = "公开征求意见之日",
            },
        ]));
        rules.Add(new("major-decision.legality-review", "合法性审查时间", area,
        [
            new RuleVersion
            {
                Version = "2019", Law = Jc, Article = "第二十六条第二款", Length = 7, Unit = PeriodUnit.WorkingDays, Kind = PeriodKind.Minimum,
                Trigger = "送请合法性审查之日",
            },
        ]));
    }

    private static void AnnualReport(List<StatutoryRule> rules, ClockSettings s)
    {
        const string area = "法治政府建设年度报告";
        rules.Add(new("annual-report.department", "法治政府建设年度报告（政府部门报送）", area,
        [
            new RuleVersion
            {
                Version = "2019", Law = Dc, Article = "（条次未核实）", Unit = PeriodUnit.FixedDate, FixedDate = s.DepartmentAnnualReportDate,
                Trigger = "报告年度结束（输入该年度内任一日期）",
                Unverified = "“每年3月1日前”据省级工作指引转述；规定原文条次未核实，“前”按当日届满理解（可配置）。",
            },
        ]));
        rules.Add(new("annual-report.government", "法治政府建设年度报告（地方政府报送）", area,
        [
            new RuleVersion
            {
                Version = "2019", Law = Dc, Article = "（条次未核实）", Unit = PeriodUnit.FixedDate, FixedDate = s.GovernmentAnnualReportDate,
                Trigger = "报告年度结束（输入该年度内任一日期）",
                Unverified = "省级党委政府“每年4月1日前”报送；县级政府报送渠道的期限未经核实，“前”按当日届满理解（可配置）。",
            },
        ]));
        rules.Add(new("annual-report.publication", "法治政府建设年度报告向社会公开", area,
        [
            new RuleVersion
            {
                Version = "2019", Law = Dc, Article = "第二十四条", Unit = PeriodUnit.FixedDate, FixedDate = (4, 1),
                Trigger = "报告年度结束（输入该年度内任一日期）",
                Unverified = "“每年4月1日之前”按当日届满理解。",
            },
        ]));
    }
}
