namespace Fazhi.Core.Common;

/// <summary>An expected failure, carried as a value. <see cref="Message"/> is shown to users (Simplified Chinese).</summary>
public abstract record Error(string Code, string Message);

/// <summary>The thing asked for does not exist, or lies outside the caller's scope (the two are indistinguishable on purpose).</summary>
public sealed record NotFoundError(string Code, string Message) : Error(Code, Message);

/// <summary>The request conflicts with the current state (a duplicate code, an illegal transition).</summary>
public sealed record ConflictError(string Code, string Message) : Error(Code, Message);

/// <summary>The caller may not do this.</summary>
public sealed record ForbiddenError(string Code, string Message) : Error(Code, Message);

/// <summary>One or more fields are invalid; keys are field names, values are messages in Chinese.</summary>
public sealed record ValidationError(IReadOnlyDictionary<string, string[]> Fields)
    : Error("validation", "提交的数据有误，请检查标出的字段。")
{
    /// <summary>A validation error on a single field.</summary>
    public static ValidationError For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}
