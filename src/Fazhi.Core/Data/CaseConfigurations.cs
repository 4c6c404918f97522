using Fazhi.Core.Cases;
using Fazhi.Core.Litigation;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fazhi.Core.Data;

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> b)
    {
        b.ToTable("case_events");
        b.HasKey(e => e.Id);
        b.Property(e => e.CaseType).HasMaxLength(40).IsRequired();
        b.Property(e => e.Kind).HasMaxLength(40).IsRequired();
        b.Property(e => e.Note).HasMaxLength(CaseEvent.MaxNoteLength);
        b.Property(e => e.DocumentKind).HasMaxLength(40);
        b.HasIndex(e => new { e.CaseId, e.OccurredOn });
    }
}

internal sealed class ReconsiderationCaseConfiguration : IEntityTypeConfiguration<ReconsiderationCase>
{
    public void Configure(EntityTypeBuilder<ReconsiderationCase> b)
    {
        b.ToTable("reconsideration_cases");
        b.HasKey(c => c.Id);
        b.Property(c => c.CaseNumber).HasMaxLength(ReconsiderationCase.MaxCaseNumberLength).IsRequired();
        b.Property(c => c.LawVersion).HasMaxLength(8).IsRequired();
        b.Property(c => c.Channel).HasMaxLength(20).HasConversion(v => ReconsiderationCodes.Channels.Code(v), s => ReconsiderationCodes.Channels.FromCode(s));
        b.Property(c => c.Matter).HasMaxLength(30).HasConversion(v => ReconsiderationCodes.Matters.Code(v), s => ReconsiderationCodes.Matters.FromCode(s));
        b.Property(c => c.Stage).HasMaxLength(20).HasConversion(v => ReconsiderationCodes.Stages.Code(v), s => ReconsiderationCodes.Stages.FromCode(s));
        b.Property(c => c.Procedure).HasMaxLength(20).HasConversion(
            v => v == null ? null : ReconsiderationCodes.Procedures.Code(v.Value),
            s => s == null ? null : ReconsiderationCodes.Procedures.FromCode(s));
        b.Property(c => c.Outcome).HasMaxLength(30).HasConversion(
            v => v == null ? null : ReconsiderationCodes.Outcomes.Code(v.Value),
            s => s == null ? null : ReconsiderationCodes.Outcomes.FromCode(s));
        b.Property(c => c.SuspensionGround).HasMaxLength(40).HasConversion(
            v => v == null ? null : ReconsiderationCodes.SuspensionGrounds.Code(v.Value),
            s => s == null ? null : ReconsiderationCodes.SuspensionGrounds.FromCode(s));
        b.Property(c => c.RespondentName).HasMaxLength(ReconsiderationCase.MaxNameLength).IsRequired();
        b.Property(c => c.ApplicantNames).HasMaxLength(400).IsRequired();
        b.Property(c => c.ChallengedAct).HasMaxLength(ReconsiderationCase.MaxTextLength);
        b.Property(c => c.Request).HasMaxLength(ReconsiderationCase.MaxTextLength);
        b.Property(c => c.ImportNote).HasMaxLength(CaseEvent.MaxNoteLength);
        b.Property(c => c.CorrectionItems).HasMaxLength(ReconsiderationCase.MaxTextLength);
        b.Property(c => c.NotAcceptedReason).HasMaxLength(ReconsiderationCase.MaxTextLength);
        b.Property(c => c.Facts).HasMaxLength(ReconsiderationCase.MaxTextLength);
        b.Property(c => c.Reasoning).HasMaxLength(ReconsiderationCase.MaxTextLength);
        b.Property(c => c.HearingPlace).HasMaxLength(ReconsiderationCase.MaxNameLength);

        // The hearing time is entered in China time; it is stored as the UTC instant (PostgreSQL's timestamptz takes
        // only UTC) and read back as China time.
        b.Property(c => c.HearingAt).HasConversion(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
            v => DateTime.SpecifyKind(v.AddHours(-8), DateTimeKind.Utc),
            v => DateTime.SpecifyKind(v.AddHours(8), DateTimeKind.Unspecified)));
        b.Property(c => c.TrackingCode).HasMaxLength(16);
        b.HasOne<Org>().WithMany().HasForeignKey(c => c.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Org>().WithMany().HasForeignKey(c => c.RespondentOrgId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(c => c.IsOpen);

        b.HasIndex(c => new { c.OrgId, c.CaseNumber }).IsUnique();
        b.HasIndex(c => c.TrackingCode).IsUnique();

        // Lists: newest first within an org (keyset on received_on, id), optionally by stage.
        b.HasIndex(c => new { c.OrgId, c.ReceivedOn, c.Id });
        b.HasIndex(c => new { c.OrgId, c.Stage, c.ReceivedOn, c.Id });
        b.HasIndex(c => new { c.ReceivedOn, c.Id });
        b.HasIndex(c => new { c.Stage, c.ReceivedOn, c.Id });
        // By matter type in date order: the scope is a closure-table EXISTS, not an equality on org_id, so an index
        // leading with org_id cannot serve it (SQLite skip-scanned one and sorted every match: 400 ms at 1M cases).
        b.HasIndex(c => new { c.Matter, c.ReceivedOn, c.Id });

        // Indicators: per org and period of acceptance and closure. Receipt in a period is a range of (org_id,
        // received_on, id) above; an index on (org_id, received_year) repeated it, one more index for every import to
        // build (migration DropReceivedYearIndex).
        b.HasIndex(c => new { c.OrgId, c.ClosedOn });
        b.HasIndex(c => new { c.OrgId, c.AcceptedOn });
        b.HasIndex(c => c.RespondentOrgId);
    }
}

internal sealed class ReconsiderationPartyConfiguration : IEntityTypeConfiguration<ReconsiderationParty>
{
    public void Configure(EntityTypeBuilder<ReconsiderationParty> b)
    {
        b.ToTable("reconsideration_parties");
        b.HasKey(p => p.Id);
        b.Property(p => p.Role).HasMaxLength(20).HasConversion(v => ReconsiderationParty.Roles.Code(v), s => ReconsiderationParty.Roles.FromCode(s));
        b.Property(p => p.Name).HasMaxLength(ReconsiderationCase.MaxNameLength).IsRequired();
        b.Property(p => p.IdNumber).HasMaxLength(40);
        b.Property(p => p.Phone).HasMaxLength(40);
        b.Property(p => p.Address).HasMaxLength(ReconsiderationCase.MaxNameLength);
        b.HasOne<ReconsiderationCase>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.CaseId, p.Position });
    }
}

internal sealed class ReconsiderationLetterConfiguration : IEntityTypeConfiguration<ReconsiderationLetter>
{
    public void Configure(EntityTypeBuilder<ReconsiderationLetter> b)
    {
        b.ToTable("reconsideration_letters");
        b.HasKey(l => l.Id);
        b.Property(l => l.Kind).HasMaxLength(20).HasConversion(v => ReconsiderationLetter.Kinds.Code(v), s => ReconsiderationLetter.Kinds.FromCode(s));
        b.Property(l => l.Recipient).HasMaxLength(ReconsiderationCase.MaxNameLength).IsRequired();
        b.Property(l => l.Content).HasMaxLength(ReconsiderationCase.MaxTextLength);
        b.HasOne<ReconsiderationCase>().WithMany().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => new { l.CaseId, l.IssuedOn });
    }
}

internal sealed class LitigationCaseConfiguration : IEntityTypeConfiguration<LitigationCase>
{
    public void Configure(EntityTypeBuilder<LitigationCase> b)
    {
        b.ToTable("litigation_cases");
        b.HasKey(c => c.Id);
        b.Property(c => c.CaseNumber).HasMaxLength(LitigationCase.MaxCaseNumberLength).IsRequired();
        b.Property(c => c.Court).HasMaxLength(LitigationCase.MaxNameLength).IsRequired();
        b.Property(c => c.Cause).HasMaxLength(LitigationCase.MaxNameLength).IsRequired();
        b.Property(c => c.Plaintiffs).HasMaxLength(400).IsRequired();
        b.Property(c => c.ImportNote).HasMaxLength(CaseEvent.MaxNoteLength);
        b.Property(c => c.Instance).HasMaxLength(10).HasConversion(v => LitigationCodes.Instances.Code(v), s => LitigationCodes.Instances.FromCode(s));
        b.Property(c => c.Stage).HasMaxLength(12).HasConversion(v => LitigationCodes.Stages.Code(v), s => LitigationCodes.Stages.FromCode(s));
        b.Property(c => c.Outcome).HasMaxLength(30).HasConversion(
            v => v == null ? null : LitigationCodes.Outcomes.Code(v.Value),
            s => s == null ? null : LitigationCodes.Outcomes.FromCode(s));
        b.HasOne<Org>().WithMany().HasForeignKey(c => c.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ReconsiderationCase>().WithMany().HasForeignKey(c => c.ReconsiderationCaseId).OnDelete(DeleteBehavior.SetNull);
        b.Ignore(c => c.IsOpen);
        b.HasIndex(c => new { c.OrgId, c.CaseNumber }).IsUnique();
        b.HasIndex(c => new { c.OrgId, c.FiledOn, c.Id });
        b.HasIndex(c => new { c.OrgId, c.Stage, c.FiledOn, c.Id });
        b.HasIndex(c => new { c.FiledOn, c.Id });
        b.HasIndex(c => new { c.OrgId, c.FiledYear });
        b.HasIndex(c => new { c.OrgId, c.ClosedOn });
        b.HasIndex(c => c.ReconsiderationCaseId);
    }
}

internal sealed class LitigationDefendantConfiguration : IEntityTypeConfiguration<LitigationDefendant>
{
    public void Configure(EntityTypeBuilder<LitigationDefendant> b)
    {
        b.ToTable("litigation_defendants");
        b.HasKey(d => new { d.CaseId, d.Position });
        b.Property(d => d.Position).ValueGeneratedNever();
        b.Property(d => d.Name).HasMaxLength(LitigationCase.MaxNameLength).IsRequired();
        b.HasOne<LitigationCase>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Org>().WithMany().HasForeignKey(d => d.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => d.OrgId);
    }
}

internal sealed class LitigationHearingConfiguration : IEntityTypeConfiguration<LitigationHearing>
{
    public void Configure(EntityTypeBuilder<LitigationHearing> b)
    {
        b.ToTable("litigation_hearings");
        b.HasKey(h => h.Id);
        b.Property(h => h.HeadName).HasMaxLength(100);
        b.Property(h => h.AbsenceReason).HasMaxLength(LitigationCase.MaxNameLength);
        b.Property(h => h.HeadRank).HasMaxLength(12).HasConversion(
            v => v == null ? null : LitigationCodes.HeadRanks.Code(v.Value),
            s => s == null ? null : LitigationCodes.HeadRanks.FromCode(s));
        b.HasOne<LitigationCase>().WithMany().HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(h => new { h.CaseId, h.HeldOn });
    }
}

internal sealed class CaseAttachmentConfiguration : IEntityTypeConfiguration<CaseAttachment>
{
    public void Configure(EntityTypeBuilder<CaseAttachment> b)
    {
        b.ToTable("case_attachments");
        b.HasKey(a => a.Id);
        b.Property(a => a.CaseType).HasMaxLength(40).IsRequired();
        b.Property(a => a.FileName).HasMaxLength(CaseAttachment.MaxFileNameLength).IsRequired();
        b.Property(a => a.ContentType).HasMaxLength(100).IsRequired();
        b.Property(a => a.Sm3).HasMaxLength(64).IsRequired();
        b.Property(a => a.Category).HasMaxLength(40);
        b.HasOne<Org>().WithMany().HasForeignKey(a => a.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.CaseType, a.CaseId });
    }
}

internal sealed class CaseAttachmentContentConfiguration : IEntityTypeConfiguration<CaseAttachmentContent>
{
    public void Configure(EntityTypeBuilder<CaseAttachmentContent> b)
    {
        b.ToTable("case_attachment_contents");
        b.HasKey(c => c.AttachmentId);
        b.HasOne<CaseAttachment>().WithOne().HasForeignKey<CaseAttachmentContent>(c => c.AttachmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
