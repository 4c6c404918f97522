using Fazhi.Core.Audit;
using Fazhi.Core.Clocks;
using Fazhi.Core.Orgs;
using Fazhi.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fazhi.Core.Data;

/// <summary>
/// The one database context. Used directly by handlers (no repositories). Every save appends the changes it makes
/// to the SM3-chained audit log in the same transaction.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options, AuditActorAccessor actor, TimeProvider clock)
    : DbContext(options)
{
    // Reminders are notifications derived from clocks, not records: they stay out of the audit log.
    private static readonly HashSet<Type> Unaudited = [typeof(AuditEntry), typeof(AuditHead), typeof(OrgClosure), typeof(Reminder), typeof(Fazhi.Core.Cases.CaseAttachmentContent)];
    private readonly List<PendingAudit> _events = [];

    /// <summary>Orgs.</summary>
    public DbSet<Org> Orgs => Set<Org>();

    /// <summary>The org tree's closure table.</summary>
    public DbSet<OrgClosure> OrgClosures => Set<OrgClosure>();

    /// <summary>Administrative regions.</summary>
    public DbSet<Region> Regions => Set<Region>();

    /// <summary>Users.</summary>
    public DbSet<User> Users => Set<User>();

    /// <summary>Users' roles.</summary>
    public DbSet<UserRole> UserRoles => Set<UserRole>();

    /// <summary>The audit log.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The audit chain's head.</summary>
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();

    /// <summary>Statutory clocks on cases.</summary>
    public DbSet<Clock> Clocks => Set<Clock>();

    /// <summary>In-app reminders of clocks due soon or overdue.</summary>
    public DbSet<Reminder> Reminders => Set<Reminder>();

    /// <summary>Suspensions of clocks.</summary>
    public DbSet<ClockSuspension> ClockSuspensions => Set<ClockSuspension>();

    /// <summary>Extensions of clocks.</summary>
    public DbSet<ClockExtension> ClockExtensions => Set<ClockExtension>();

    /// <summary>Imported holiday schedules, one row per year and import.</summary>
    public DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();

    /// <summary>Case timelines of every line of work.</summary>
    public DbSet<Fazhi.Core.Cases.CaseEvent> CaseEvents => Set<Fazhi.Core.Cases.CaseEvent>();

    /// <summary>Reconsideration cases.</summary>
    public DbSet<Fazhi.Core.Reconsideration.ReconsiderationCase> ReconsiderationCases => Set<Fazhi.Core.Reconsideration.ReconsiderationCase>();

    /// <summary>Parties of reconsideration cases.</summary>
    public DbSet<Fazhi.Core.Reconsideration.ReconsiderationParty> ReconsiderationParties => Set<Fazhi.Core.Reconsideration.ReconsiderationParty>();

    /// <summary>Opinion and recommendation letters.</summary>
    public DbSet<Fazhi.Core.Reconsideration.ReconsiderationLetter> ReconsiderationLetters => Set<Fazhi.Core.Reconsideration.ReconsiderationLetter>();

    /// <summary>Attachments of cases (metadata).</summary>
    public DbSet<Fazhi.Core.Cases.CaseAttachment> CaseAttachments => Set<Fazhi.Core.Cases.CaseAttachment>();

    /// <summary>Attachment bytes.</summary>
    public DbSet<Fazhi.Core.Cases.CaseAttachmentContent> CaseAttachmentContents => Set<Fazhi.Core.Cases.CaseAttachmentContent>();

    /// <summary>Litigation cases.</summary>
    public DbSet<Fazhi.Core.Litigation.LitigationCase> LitigationCases => Set<Fazhi.Core.Litigation.LitigationCase>();

    /// <summary>Defendants of litigation cases.</summary>
    public DbSet<Fazhi.Core.Litigation.LitigationDefendant> LitigationDefendants => Set<Fazhi.Core.Litigation.LitigationDefendant>();

    /// <summary>Hearing sessions of litigation cases.</summary>
    public DbSet<Fazhi.Core.Litigation.LitigationHearing> LitigationHearings => Set<Fazhi.Core.Litigation.LitigationHearing>();

    /// <summary>Annual reports on rule-of-law government (every version).</summary>
    public DbSet<Fazhi.Core.Reports.AnnualReport> AnnualReports => Set<Fazhi.Core.Reports.AnnualReport>();

    /// <summary>Facts entered by hand where no ledger exists yet.</summary>
    public DbSet<Fazhi.Core.Reports.ManualFact> ManualFacts => Set<Fazhi.Core.Reports.ManualFact>();

    /// <summary>The actor to whom this context attributes changes.</summary>
    public AuditActor Actor => actor.Current;

    /// <summary>Records an event that changes no row (a failed sign-in, a password reset) with the next save.</summary>
    public void RecordEvent(string action, string entityType, string entityId) =>
        _events.Add(new PendingAudit(action, entityType, entityId, "", null, null));

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        var utc = new ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            entity.SetTableName(Naming.Snake(entity.GetTableName()!));
            foreach (var p in entity.GetProperties())
            {
                p.SetColumnName(Naming.Snake(p.Name));
                if (p.ClrType == typeof(DateTime))
                {
                    p.SetValueConverter(utc);
                }
            }
        }
    }

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <inheritdoc />
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        var pending = Collect();
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            if (Database.IsNpgsql())
            {
                // Several app instances may append at once: serialise appends to the chain.
                await Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7160001)", cancellationToken);
            }

            // SQLite: the transaction starts with BEGIN IMMEDIATE, which already holds the write lock.
            foreach (var tracked in ChangeTracker.Entries<AuditHead>().ToList())
            {
                tracked.State = EntityState.Detached;
            }

            var head = await AuditHeads.SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
            if (head is null)
            {
                head = new AuditHead(1);
                AuditHeads.Add(head);
            }

            var now = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
            foreach (var p in pending)
            {
                var entry = new AuditEntry(head.LastSequence + 1, now, actor.Current, p.Action, p.EntityType, p.EntityId,
                    p.ChangedFields, p.BeforeDigest, p.AfterDigest, head.LastHash);
                AuditEntries.Add(entry);
                head.LastSequence = entry.Sequence;
                head.LastHash = entry.Hash;
            }

            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            _events.Clear();
            return count;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    private List<PendingAudit> Collect()
    {
        var list = new List<PendingAudit>();
        foreach (var e in ChangeTracker.Entries())
        {
            if (Unaudited.Contains(e.Entity.GetType()) || e.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var type = e.Metadata.ClrType.Name;
            var id = string.Join("/", e.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(e.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
            switch (e.State)
            {
                case EntityState.Added:
                    list.Add(new PendingAudit("created", type, id, "", null, Digest(e, original: false)));
                    break;
                case EntityState.Deleted:
                    list.Add(new PendingAudit("deleted", type, id, "", Digest(e, original: true), null));
                    break;
                case EntityState.Modified:
                    var changed = e.Properties
                        .Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
                        .Select(p => p.Metadata.Name)
                        .ToList();
                    if (changed.Count > 0)
                    {
                        list.Add(new PendingAudit("updated", type, id, string.Join(",", changed), Digest(e, original: true), Digest(e, original: false)));
                    }

                    break;
            }
        }

        list.AddRange(_events);
        return list;
    }

    private static string Digest(EntityEntry e, bool original) =>
        Sm3.HexOf(AuditChain.CanonicalValues(e.Properties.Select(p =>
            new KeyValuePair<string, object?>(p.Metadata.Name, original ? p.OriginalValue : p.CurrentValue))));

    private sealed record PendingAudit(string Action, string EntityType, string EntityId, string ChangedFields,
        string? BeforeDigest, string? AfterDigest);
}
