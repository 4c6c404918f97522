using Fazhi.Core.Orgs;
using Fazhi.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fazhi.Core.Data;

internal sealed class AnnualReportConfiguration : IEntityTypeConfiguration<AnnualReport>
{
    public void Configure(EntityTypeBuilder<AnnualReport> b)
    {
        b.ToTable("annual_reports");
        b.HasKey(r => r.Id);
        b.Property(r => r.Status).HasMaxLength(20).HasConversion(v => v.Code(), s => ReportCodes.FromCode(s));
        b.Property(r => r.Title).HasMaxLength(AnnualReport.MaxTitleLength).IsRequired();
        foreach (var heading in new[] { nameof(AnnualReport.MeasuresHeading), nameof(AnnualReport.ShortcomingsHeading), nameof(AnnualReport.FirstResponsibilityHeading), nameof(AnnualReport.NextYearHeading), nameof(AnnualReport.OtherHeading) })
        {
            b.Property<string>(heading).HasMaxLength(AnnualReport.MaxHeadingLength).IsRequired();
        }

        foreach (var part in new[] { nameof(AnnualReport.Measures), nameof(AnnualReport.Shortcomings), nameof(AnnualReport.FirstResponsibility), nameof(AnnualReport.NextYear), nameof(AnnualReport.Other) })
        {
            b.Property<string>(part).IsRequired();
        }

        b.Property(r => r.CreatedBy).HasMaxLength(100).IsRequired();
        b.Property(r => r.UpdatedBy).HasMaxLength(100).IsRequired();
        b.Property(r => r.SubmittedBy).HasMaxLength(100);
        b.Property(r => r.SecrecyReviewedBy).HasMaxLength(100);
        b.Property(r => r.SecrecyNote).HasMaxLength(500);
        b.Property(r => r.ReturnReason).HasMaxLength(500);
        b.Property(r => r.ApprovedBy).HasMaxLength(100);
        b.Property(r => r.PublishedBy).HasMaxLength(100);
        b.Ignore(r => r.IsFrozen);
        b.HasOne<Org>().WithMany().HasForeignKey(r => r.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.OrgId, r.Year, r.Version }).IsUnique();
        b.HasIndex(r => new { r.Status, r.Year });
    }
}

internal sealed class ManualFactConfiguration : IEntityTypeConfiguration<ManualFact>
{
    public void Configure(EntityTypeBuilder<ManualFact> b)
    {
        b.ToTable("manual_facts");
        b.HasKey(f => f.Id);
        b.Property(f => f.FactId).HasMaxLength(60).IsRequired();
        b.Property(f => f.Note).HasMaxLength(ManualFact.MaxNoteLength);
        b.HasOne<Org>().WithMany().HasForeignKey(f => f.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(f => new { f.OrgId, f.Year, f.FactId });
    }
}
