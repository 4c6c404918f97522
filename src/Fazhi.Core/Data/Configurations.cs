using Fazhi.Core.Audit;
using Fazhi.Core.Orgs;
using Fazhi.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fazhi.Core.Data;

internal sealed class OrgConfiguration : IEntityTypeConfiguration<Org>
{
    public void Configure(EntityTypeBuilder<Org> b)
    {
        b.ToTable("orgs");
        b.HasKey(o => o.Id);
        b.Property(o => o.Code).HasMaxLength(32).IsRequired();
        b.HasIndex(o => o.Code).IsUnique();
        b.Property(o => o.Name).HasMaxLength(Org.MaxNameLength).IsRequired();
        b.Property(o => o.Type).HasMaxLength(20)
            .HasConversion(t => t.Code(), s => OrgTypes.FromCode(s));
        b.HasOne<Org>().WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(o => o.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => o.ParentId);
    }
}

internal sealed class OrgClosureConfiguration : IEntityTypeConfiguration<OrgClosure>
{
    public void Configure(EntityTypeBuilder<OrgClosure> b)
    {
        b.ToTable("org_closure");
        b.HasKey(c => new { c.AncestorId, c.DescendantId });
        b.HasIndex(c => new { c.DescendantId, c.Distance });
        b.HasOne<Org>().WithMany().HasForeignKey(c => c.AncestorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Org>().WithMany().HasForeignKey(c => c.DescendantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.ToTable("regions");
        b.HasKey(r => r.Id);
        b.Property(r => r.Code).HasMaxLength(12).IsRequired();
        b.HasIndex(r => r.Code).IsUnique();
        b.Property(r => r.Name).HasMaxLength(100).IsRequired();
        b.Property(r => r.Level).HasMaxLength(16).HasConversion<string>();
        b.HasOne<Region>().WithMany().HasForeignKey(r => r.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("users");
        b.HasKey(u => u.Id);
        b.Property(u => u.UserName).HasMaxLength(64).IsRequired();
        b.Property(u => u.NormalizedUserName).HasMaxLength(64).IsRequired();
        b.HasIndex(u => u.NormalizedUserName).IsUnique();
        b.Property(u => u.DisplayName).HasMaxLength(50).IsRequired();
        b.Property(u => u.PasswordHash).HasMaxLength(256);
        b.Property(u => u.SecurityStamp).HasMaxLength(64);
        b.Property(u => u.ConcurrencyStamp).HasMaxLength(64).IsConcurrencyToken();
        b.HasOne<Org>().WithMany().HasForeignKey(u => u.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.OrgId);
        b.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(u => u.Roles).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        b.Ignore(u => u.RoleCodes);
    }
}

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<UserRole>
{
    public void Configure(EntityTypeBuilder<UserRole> b)
    {
        b.ToTable("user_roles");
        b.HasKey(r => new { r.UserId, r.Role });
        b.Property(r => r.Role).HasMaxLength(40);
        b.HasIndex(r => r.Role);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.HasKey(e => e.Sequence);
        b.Property(e => e.Sequence).ValueGeneratedNever();
        b.Property(e => e.ActorId).HasMaxLength(64);
        b.Property(e => e.ActorName).HasMaxLength(64).IsRequired();
        b.Property(e => e.Action).HasMaxLength(40).IsRequired();
        b.Property(e => e.EntityType).HasMaxLength(40).IsRequired();
        b.Property(e => e.EntityId).HasMaxLength(120).IsRequired();
        b.Property(e => e.ChangedFields).HasMaxLength(1000).IsRequired();
        b.Property(e => e.BeforeDigest).HasMaxLength(64);
        b.Property(e => e.AfterDigest).HasMaxLength(64);
        b.Property(e => e.PreviousHash).HasMaxLength(64).IsRequired();
        b.Property(e => e.Hash).HasMaxLength(64).IsRequired();
        b.HasIndex(e => new { e.EntityType, e.EntityId });
        b.HasIndex(e => new { e.OrgId, e.Sequence });
        b.HasIndex(e => e.AtUtc);
    }
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> b)
    {
        b.ToTable("audit_head");
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.LastHash).HasMaxLength(64).IsRequired();
    }
}
