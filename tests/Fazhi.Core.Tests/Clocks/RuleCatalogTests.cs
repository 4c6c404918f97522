using Fazhi.Core.Clocks;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Clocks;

public sealed class RuleCatalogTests
{
    [Theory]
    [InlineData("reconsideration.acceptance-review")]
    [InlineData("reconsideration.correction-notice")]
    [InlineData("reconsideration.respondent-answer")]
    [InlineData("reconsideration.decision")]
    [InlineData("reconsideration.decision-simplified")]
    [InlineData("litigation.defence")]
    [InlineData("penalty.decision")]
    [InlineData("penalty.publication")]
    [InlineData("information-request.reply")]
    [InlineData("normative-document.filing")]
    [InlineData("mediation.judicial-confirmation")]
    [InlineData("random-inspection.publication")]
    [InlineData("annual-report.department")]
    [InlineData("annual-report.government")]
    [InlineData("major-decision.legality-review")]
    public void Required_rule_exists(string id)
    {
        RuleCatalog.Default.Find(id).ShouldNotBeNull();
    }

    [Fact]
    public void Every_rule_version_names_its_law_version_and_article()
    {
        foreach (var rule in RuleCatalog.Default.Rules)
        {
            rule.Versions.ShouldNotBeEmpty(rule.Id);
            foreach (var v in rule.Versions)
            {
                v.Law.ShouldNotBeNullOrWhiteSpace(rule.Id);
                v.Article.ShouldNotBeNullOrWhiteSpace(rule.Id);
                v.Version.ShouldNotBeNullOrWhiteSpace(rule.Id);
                v.Trigger.ShouldNotBeNullOrWhiteSpace(rule.Id);
                if (v.Unit != PeriodUnit.FixedDate)
                {
                    v.Length.ShouldBeGreaterThan(0, rule.Id);
                }
            }
        }
    }

    [Fact]
    public void Reconsideration_laws_differ_on_the_respondent_answer_unit()
    {
        var rule = RuleCatalog.Default.Find("reconsideration.respondent-answer")!;
        rule.Version("2023")!.Unit.ShouldBe(PeriodUnit.WorkingDays);
        rule.Version("2017")!.Unit.ShouldBe(PeriodUnit.CalendarDays);
    }

    [Fact]
    public void Unverified_values_come_from_settings()
    {
        var catalog = RuleCatalog.Create(new ClockSettings
        {
            Province = "SH",
            RandomInspectionPublicationWorkingDays = 15,
            Reconsideration2017CorrectionNoticeUnit = PeriodUnit.CalendarDays,
            PenaltyDecisionExtensionDays = 60,
            DepartmentAnnualReportDate = (2, 28),
        });
        catalog.Find("normative-document.filing")!.Versions[0].Article.ShouldBe("第十条");
        catalog.Find("random-inspection.publication")!.Versions[0].Length.ShouldBe(15);
        catalog.Find("reconsideration.correction-notice")!.Version("2017")!.Unit.ShouldBe(PeriodUnit.CalendarDays);
        catalog.Find("penalty.decision")!.Versions[0].Extension!.MaxLength.ShouldBe(60);
        catalog.Find("annual-report.department")!.Versions[0].FixedDate.ShouldBe((2, 28));
        RuleCatalog.Default.Find("normative-document.filing")!.Versions[0].Unverified.ShouldNotBeNull();
    }
}
