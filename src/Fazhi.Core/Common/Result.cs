using System.Diagnostics.CodeAnalysis;

namespace Fazhi.Core.Common;

/// <summary>Either a value or an <see cref="Error"/>.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;
    private readonly Error? _error;

    private Result(T? value, Error? error)
    {
        _value = value;
        _error = error;
    }

    /// <summary>True when this result carries an error.</summary>
    [MemberNotNullWhen(true, nameof(Error))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool IsError => _error is not null;

    /// <summary>The value; only meaningful when <see cref="IsError"/> is false.</summary>
    public T? Value => _value;

    /// <summary>The error; only set when <see cref="IsError"/> is true.</summary>
    public Error? Error => _error;

    /// <summary>Wraps a value.</summary>
    public static implicit operator Result<T>(T value) => new(value, null);

    /// <summary>Wraps an error.</summary>
    public static implicit operator Result<T>(Error error) => new(default, error);
}

/// <summary>The unit value, for results that carry no data.</summary>
public readonly record struct Unit
{
    /// <summary>The only value.</summary>
    public static readonly Unit Value;
}
