using Fazhi.Core.Common;

namespace Fazhi.Core.Cases;

/// <summary>
/// One step in a case's timeline (received, correction requested, accepted, hearing held…), for every line of work.
/// The case row holds the current state; events hold the history in the order it happened, with the document number of
/// the notice sent at that step, if any.
/// </summary>
public sealed class CaseEvent
{
    /// <summary>Longest note.</summary>
    public const int MaxNoteLength = 1000;

    private CaseEvent()
    {
    }

    /// <summary>Id (version-7 GUID, so ids sort by creation).</summary>
    public Guid Id { get; private set; }

    /// <summary>Line of work: reconsideration, litigation.</summary>
    public string CaseType { get; private set; } = "";

    /// <summary>The case.</summary>
    public Guid CaseId { get; private set; }

    /// <summary>Event code (e.g. accepted); labels in the line of work.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>The day it happened (a legal date, not the time it was typed in).</summary>
    public DateOnly OccurredOn { get; private set; }

    /// <summary>Free text: reason, ground, items, place.</summary>
    public string? Note { get; private set; }

    /// <summary>The document issued at this step (document kind code), if any.</summary>
    public string? DocumentKind { get; private set; }

    /// <summary>The user who recorded it.</summary>
    public Guid? UserId { get; private set; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTime RecordedAtUtc { get; private set; }

    /// <summary>Creates an event.</summary>
    public static CaseEvent Create(string caseType, Guid caseId, string kind, DateOnly on, string? note, string? documentKind, Guid? userId, DateTime nowUtc) =>
        new()
        {
            Id = Ids.New(),
            CaseType = caseType,
            CaseId = caseId,
            Kind = kind,
            OccurredOn = on,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, MaxNoteLength)],
            DocumentKind = documentKind,
            UserId = userId,
            RecordedAtUtc = nowUtc,
        };

    /// <summary>
    /// The timeline of a case: its stored events, and first, when the case came from a ledger import, the import itself
    /// (kind <c>imported</c>, on the date and with the note the case row keeps: <see cref="IImportedCase"/>). An import
    /// does not write an event row per case; the case row carries its origin, as it carries its intake channel.
    /// </summary>
    public static List<CaseEvent> Timeline(string caseType, IImportedCase c, IEnumerable<CaseEvent> stored)
    {
        ArgumentNullException.ThrowIfNull(c);
        var events = stored.ToList();
        if (c.ImportedOn is { } on && c.ImportNote is { } note)
        {
            var imported = new CaseEvent
            {
                Id = c.Id,
                CaseType = caseType,
                CaseId = c.Id,
                Kind = "imported",
                OccurredOn = on,
                Note = note,
                RecordedAtUtc = c.CreatedAtUtc,
            };
            var at = events.FindIndex(e => e.OccurredOn > on);
            events.Insert(at < 0 ? events.Count : at, imported);
        }

        return events;
    }
}

/// <summary>A case that may have come from a ledger import (both lines of work).</summary>
public interface IImportedCase
{
    /// <summary>The case id.</summary>
    Guid Id { get; }

    /// <summary>When the case row was created (UTC).</summary>
    DateTime CreatedAtUtc { get; }

    /// <summary>The day of the ledger's last entry at import (the timeline shows the import on it); null when the case
    /// was not imported.</summary>
    DateOnly? ImportedOn { get; }

    /// <summary>The file and line the case came from and the state the ledger gave, e.g. “批量导入（台账.jsonl 第 12 行）：
    /// 已受理”; null when the case was not imported.</summary>
    string? ImportNote { get; }
}
