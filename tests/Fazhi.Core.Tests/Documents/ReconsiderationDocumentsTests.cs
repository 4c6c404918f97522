using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Fazhi.Core.Common;
using Fazhi.Core.Documents;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Documents;

public sealed class ReconsiderationDocumentsTests
{
    private readonly ReconsiderationDocuments _documents = new(new OfficialDocumentTemplates());

    public static TheoryData<ReconsiderationDocumentKind, string> EveryKindAndLaw()
    {
        var data = new TheoryData<ReconsiderationDocumentKind, string>();
        foreach (var kind in ReconsiderationDocumentKinds.All)
        {
            data.Add(kind, "2017");
            data.Add(kind, "2023");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryKindAndLaw))]
    public void Every_kind_renders_a_valid_docx_for_both_law_versions(ReconsiderationDocumentKind kind, string law)
    {
        var result = _documents.Render(DocumentSamples.For(kind, law));

        result.IsError.ShouldBeFalse(result.Error?.Message);
        using var doc = WordprocessingDocument.Open(new MemoryStream(result.Value), false);
        var texts = doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        texts.ShouldContain(kind.Title());
        texts.ShouldContain("云溪区人民政府");
        texts.ShouldContain("2026年12月2日");
        texts.ShouldNotContain(t => t.Contains("{{", StringComparison.Ordinal) || t.Contains("。。", StringComparison.Ordinal));
        var basis = kind == ReconsiderationDocumentKind.Decision
            ? ReconsiderationLegalBasis.ForOutcome(DecisionOutcome.Revoke, law)!
            : ReconsiderationLegalBasis.ForDocument(kind, law)!;
        string.Concat(texts).ShouldContain(basis);
        new OpenXmlValidator().Validate(doc).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(ReconsiderationDocumentKind.AcceptanceNotice, "2023", "第三十条第一款")]
    [InlineData(ReconsiderationDocumentKind.AcceptanceNotice, "2017", "第十七条")]
    [InlineData(ReconsiderationDocumentKind.CorrectionNotice, "2023", "《中华人民共和国行政复议法》第三十一条")]
    [InlineData(ReconsiderationDocumentKind.CorrectionNotice, "2017", "《中华人民共和国行政复议法实施条例》第二十九条")]
    [InlineData(ReconsiderationDocumentKind.AnswerNotice, "2023", "第四十八条")]
    [InlineData(ReconsiderationDocumentKind.AnswerNotice, "2017", "第二十三条第一款")]
    [InlineData(ReconsiderationDocumentKind.HearingNotice, "2023", "第五十条、第五十一条")]
    [InlineData(ReconsiderationDocumentKind.SuspensionNotice, "2023", "第三十九条第一款")]
    [InlineData(ReconsiderationDocumentKind.ExtensionNotice, "2023", "第六十二条第一款")]
    [InlineData(ReconsiderationDocumentKind.ExtensionNotice, "2017", "第三十一条第一款")]
    public void Documents_cite_the_article_of_their_law_version(ReconsiderationDocumentKind kind, string law, string article)
    {
        BodyText(DocumentSamples.For(kind, law)).ShouldContain(article);
    }

    [Theory]
    [InlineData(DecisionOutcome.Uphold, "2023", "第六十八条", "维持被申请人于2026年9月20日作出的")]
    [InlineData(DecisionOutcome.Change, "2023", "第六十三条第一款", "变更被申请人")]
    [InlineData(DecisionOutcome.ConfirmIllegal, "2023", "第六十五条", "违法")]
    [InlineData(DecisionOutcome.OrderPerform, "2023", "第六十六条", "责令被申请人")]
    [InlineData(DecisionOutcome.ConfirmInvalid, "2023", "第六十七条", "无效")]
    [InlineData(DecisionOutcome.DismissClaim, "2023", "第六十九条", "驳回申请人的行政复议请求。")]
    [InlineData(DecisionOutcome.RejectApplication, "2023", "第三十三条", "驳回申请人的行政复议申请。")]
    [InlineData(DecisionOutcome.Uphold, "2017", "第二十八条第一款第（一）项", "维持")]
    [InlineData(DecisionOutcome.OrderPerform, "2017", "第二十八条第一款第（二）项", "责令被申请人")]
    [InlineData(DecisionOutcome.Revoke, "2017", "第二十八条第一款第（三）项", "撤销被申请人")]
    [InlineData(DecisionOutcome.DismissClaim, "2017", "实施条例》第四十八条第一款第（一）项", "驳回申请人的行政复议请求。")]
    public void Decision_states_the_outcome_with_its_article_and_the_right_to_sue(DecisionOutcome outcome, string law, string article, string wording)
    {
        var text = BodyText(DocumentSamples.For(ReconsiderationDocumentKind.Decision, law) with { Outcome = outcome });

        text.ShouldContain($"根据《中华人民共和国行政复议法{(article.StartsWith("实施", StringComparison.Ordinal) ? "" : "》")}{article}的规定，本机关决定如下：");
        text.ShouldContain(wording);
        text.ShouldContain("申请人：李明。");
        text.ShouldContain("被申请人：云溪区市场监督管理局。");
        text.ShouldContain("第三人：云溪区青禾食品有限公司。");
        text.ShouldContain("申请人、第三人如不服本决定，可以自收到本决定书之日起十五日内，依照《中华人民共和国行政诉讼法》第四十五条的规定");
    }

    [Fact]
    public void Confirm_invalid_does_not_exist_under_the_2017_law()
    {
        var result = _documents.Compose(DocumentSamples.For(ReconsiderationDocumentKind.Decision, "2017") with { Outcome = DecisionOutcome.ConfirmInvalid });

        var error = result.Error.ShouldBeOfType<ValidationError>();
        error.Fields["outcome"].Single().ShouldContain("确认无效");
    }

    [Fact]
    public void Answer_period_follows_the_law_version_and_procedure()
    {
        BodyText(DocumentSamples.For(ReconsiderationDocumentKind.AnswerNotice, "2023")).ShouldContain("自收到本通知之日起10个工作日内");
        BodyText(DocumentSamples.For(ReconsiderationDocumentKind.AnswerNotice, "2023") with { SimpleProcedure = true })
            .ShouldContain("第五十四条的规定，请你单位自收到本通知之日起5个工作日内");
        BodyText(DocumentSamples.For(ReconsiderationDocumentKind.AnswerNotice, "2017")).ShouldContain("自收到本通知之日起10日内");
    }

    [Fact]
    public void Correction_items_are_numbered_one_per_line()
    {
        var doc = _documents.Compose(DocumentSamples.For(ReconsiderationDocumentKind.CorrectionNotice)).Value!;

        doc.Body.OfType<DocItem>().Select(i => i.Text).ShouldBe(
            ["写明明确的行政复议请求。", "提供被申请复议的行政处罚决定书复印件。", "提供申请人的身份证明复印件。"]);
        doc.Recipient.ShouldBe("李明");
    }

    [Fact]
    public void Optional_lines_are_left_out_when_empty()
    {
        var input = DocumentSamples.For(ReconsiderationDocumentKind.Decision) with { Agent = null, ThirdParties = [], ApplicantArguments = " " };

        var text = BodyText(input);

        text.ShouldNotContain("委托代理人");
        text.ShouldNotContain("第三人");
        text.ShouldNotContain("\n申请人称");
        text.ShouldContain("\n被申请人称");
        text.ShouldContain("申请人如不服本决定");
    }

    [Fact]
    public void Missing_required_fields_are_named_in_Chinese()
    {
        var input = DocumentSamples.For(ReconsiderationDocumentKind.HearingNotice) with { HearingPlace = null, HearingDate = null };

        var result = _documents.Compose(input);

        var error = result.Error.ShouldBeOfType<ValidationError>();
        error.Fields.Keys.ShouldBe(["hearingDate", "hearingPlace"], ignoreOrder: true);
        error.Fields["hearingPlace"].Single().ShouldBe("缺少“听证地点”，生成行政复议听证通知书需要填写此项。");
    }

    [Fact]
    public void Decision_without_outcome_names_the_outcome()
    {
        var result = _documents.Compose(DocumentSamples.For(ReconsiderationDocumentKind.Decision) with { Outcome = null, Facts = null });

        var error = result.Error.ShouldBeOfType<ValidationError>();
        error.Fields.Keys.ShouldBe(["facts", "outcome"], ignoreOrder: true);
        error.Fields["outcome"].Single().ShouldContain("决定结果");
    }

    [Fact]
    public void Unknown_law_version_is_refused()
    {
        var result = _documents.Compose(DocumentSamples.For(ReconsiderationDocumentKind.AcceptanceNotice, "2024"));

        result.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldBe(["lawVersion"]);
    }

    [Fact]
    public void Template_with_an_unknown_placeholder_fails_with_its_line()
    {
        var result = DocumentTemplate.Parse("x", "测试", "@title 标题\n正文{{applicants}}。\n受理人：{{handler_name}}。", ReconsiderationFields.Definitions);

        var error = result.Error.ShouldBeOfType<TemplateError>();
        error.Message.ShouldContain("第3行");
        error.Message.ShouldContain("{{handler_name}}");
    }

    [Theory]
    [InlineData("@stamp 印章")]
    [InlineData("正文{{correction_items}}")]
    [InlineData("正文{{ Applicants }}")]
    [InlineData("正文{applicants}}")]
    public void Malformed_templates_fail(string line)
    {
        DocumentTemplate.Parse("x", "测试", line, ReconsiderationFields.Definitions).Error.ShouldBeOfType<TemplateError>();
    }

    [Fact]
    public void Every_built_in_template_parses()
    {
        foreach (var kind in ReconsiderationDocumentKinds.All)
        {
            var template = new OfficialDocumentTemplates().Load(kind);
            template.IsError.ShouldBeFalse(template.Error?.Message);
            template.Value.Source.ShouldBe(OfficialDocumentTemplates.BuiltIn);
        }
    }

    [Fact]
    public void Override_directory_wins_and_other_kinds_stay_built_in()
    {
        var directory = Directory.CreateTempSubdirectory("fazhi-templates-");
        try
        {
            File.WriteAllText(
                Path.Combine(directory.FullName, "acceptance-notice.txt"),
                "@title {{issuer}}\n@title 受理通知书（县定格式）\n@recipient {{applicants}}\n你的申请已于{{accepted_date}}受理。\n[2017] 仅用于旧法。\n");
            var documents = new ReconsiderationDocuments(new OfficialDocumentTemplates(directory.FullName));

            var overridden = documents.Compose(DocumentSamples.For(ReconsiderationDocumentKind.AcceptanceNotice)).Value!;
            var builtIn = documents.Compose(DocumentSamples.For(ReconsiderationDocumentKind.AnswerNotice)).Value!;

            overridden.Title.ShouldBe("云溪区人民政府\n受理通知书（县定格式）");
            overridden.Body.ShouldBe([DocBlock.Paragraph("你的申请已于2026年10月13日受理。")]);
            builtIn.Title.ShouldBe("云溪区人民政府\n提出答复通知书");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Broken_override_is_an_error_not_a_silent_fallback()
    {
        var directory = Directory.CreateTempSubdirectory("fazhi-templates-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "decision.txt"), "本机关决定：{{verdict}}。");
            var documents = new ReconsiderationDocuments(new OfficialDocumentTemplates(directory.FullName));

            var error = documents.Render(DocumentSamples.For(ReconsiderationDocumentKind.Decision)).Error.ShouldBeOfType<TemplateError>();

            error.Message.ShouldContain("decision");
            error.Message.ShouldContain("{{verdict}}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Kinds_and_outcomes_parse_from_codes_and_Chinese()
    {
        ReconsiderationDocumentKinds.TryParse("answer-notice", out var kind).ShouldBeTrue();
        kind.ShouldBe(ReconsiderationDocumentKind.AnswerNotice);
        ReconsiderationDocumentKinds.TryParse("行政复议决定书", out kind).ShouldBeTrue();
        kind.ShouldBe(ReconsiderationDocumentKind.Decision);
        DecisionOutcomes.TryParse("confirm_illegal", out var outcome).ShouldBeTrue();
        outcome.ShouldBe(DecisionOutcome.ConfirmIllegal);
        DecisionOutcomes.TryParse("nonsense", out _).ShouldBeFalse();
        ReconsiderationDocuments.FileName(DocumentSamples.For(ReconsiderationDocumentKind.AcceptanceNotice))
            .ShouldBe("行政复议受理通知书（云府复受〔2026〕12号）.docx");
    }

    [Theory]
    [InlineData(9, 30, "上午9时30分")]
    [InlineData(14, 0, "下午2时")]
    [InlineData(12, 15, "中午12时15分")]
    public void Times_read_the_Chinese_way(int hour, int minute, string expected)
    {
        ReconsiderationFields.ChineseTime(new TimeOnly(hour, minute)).ShouldBe(expected);
    }

    private string BodyText(ReconsiderationDocumentInput input)
    {
        var result = _documents.Compose(input);
        result.IsError.ShouldBeFalse(result.Error?.Message);
        return string.Join("\n", result.Value.Body.Select(b => b switch
        {
            DocParagraph p => p.Text,
            DocHeading h => h.Text,
            DocItem i => i.Text,
            _ => "",
        }));
    }
}
