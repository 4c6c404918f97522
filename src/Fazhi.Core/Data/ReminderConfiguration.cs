using Fazhi.Core.Clocks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fazhi.Core.Data;

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> b)
    {
        b.ToTable("reminders");
        b.HasKey(r => r.Id);
        b.Property(r => r.Text).HasMaxLength(400).IsRequired();
        b.HasIndex(r => new { r.ClockId, r.UserId, r.CreatedOn }).IsUnique();
        b.HasIndex(r => new { r.UserId, r.ReadAtUtc });
        b.HasOne<Clock>().WithMany().HasForeignKey(r => r.ClockId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Fazhi.Core.Users.User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
