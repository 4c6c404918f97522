using Fazhi.Core.Clocks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fazhi.Core.Data;

internal sealed class ClockConfiguration : IEntityTypeConfiguration<Clock>
{
    public void Configure(EntityTypeBuilder<Clock> b)
    {
        b.ToTable("clocks");
        b.HasKey(c => c.Id);
        b.Property(c => c.CaseType).HasMaxLength(Clock.MaxCaseTypeLength).IsRequired();
        b.Property(c => c.CaseId).HasMaxLength(Clock.MaxCaseIdLength).IsRequired();
        b.Property(c => c.RuleId).HasMaxLength(80).IsRequired();
        b.Property(c => c.LawVersion).HasMaxLength(16).IsRequired();
        b.Property(c => c.CalendarVersion).HasMaxLength(32).IsRequired();
        b.Property(c => c.Status).HasMaxLength(16).HasConversion(s => s.Code(), s => ClockStatuses.FromCode(s));
        b.HasOne<Fazhi.Core.Orgs.Org>().WithMany().HasForeignKey(c => c.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Suspensions).WithOne().HasForeignKey(s => s.ClockId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Extensions).WithOne().HasForeignKey(e => e.ClockId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Suspensions).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Extensions).UsePropertyAccessMode(PropertyAccessMode.Field);

        // "Due within N days" and "overdue": a range on due_date within one status, overall or per org (scope).
        b.HasIndex(c => new { c.Status, c.DueDate });
        b.HasIndex(c => new { c.OrgId, c.Status, c.DueDate });
        b.HasIndex(c => new { c.CaseType, c.CaseId });
    }
}

internal sealed class ClockSuspensionConfiguration : IEntityTypeConfiguration<ClockSuspension>
{
    public void Configure(EntityTypeBuilder<ClockSuspension> b)
    {
        b.ToTable("clock_suspensions");
        b.HasKey(s => new { s.ClockId, s.Number });
        b.Property(s => s.Number).ValueGeneratedNever();
        b.Property(s => s.Kind).HasMaxLength(20)
            .HasConversion(k => ClockLabels.Code(k), s => ClockLabels.ParseSuspension(s) ?? SuspensionKind.CaseSuspended);
        b.Property(s => s.Reason).HasMaxLength(Clock.MaxTextLength);
    }
}

internal sealed class ClockExtensionConfiguration : IEntityTypeConfiguration<ClockExtension>
{
    public void Configure(EntityTypeBuilder<ClockExtension> b)
    {
        b.ToTable("clock_extensions");
        b.HasKey(e => new { e.ClockId, e.Number });
        b.Property(e => e.Number).ValueGeneratedNever();
        b.Property(e => e.ApprovedBy).HasMaxLength(Clock.MaxTextLength).IsRequired();
        b.Property(e => e.Reason).HasMaxLength(Clock.MaxTextLength);
    }
}

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> b)
    {
        b.ToTable("calendar_years");
        b.HasKey(y => y.Id);
        b.Property(y => y.Source).HasMaxLength(500);
        b.Property(y => y.Lines).IsRequired();
        b.Property(y => y.ImportedBy).HasMaxLength(64).IsRequired();
        b.HasIndex(y => y.Year);
    }
}
