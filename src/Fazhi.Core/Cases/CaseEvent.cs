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
}
