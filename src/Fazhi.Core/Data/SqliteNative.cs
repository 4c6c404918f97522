using System.Runtime.InteropServices;
using SQLitePCL;

namespace Fazhi.Core.Data;

/// <summary>
/// Direct calls into the bundled <c>e_sqlite3</c> library, the one SQLitePCL itself calls (<see cref="Bundled"/> checks
/// it), for the loops that make millions of calls (bulk imports, the clock recompute): SQLitePCL's wrappers take and
/// release a safe handle and go through a provider interface on every call. Statement and connection pointers come from
/// SQLitePCL's handles, which the caller keeps alive. Short calls skip the GC transition; <see cref="sqlite3_step"/> does not.
/// </summary>
internal static unsafe class SqliteNative
{
    public const string Library = "e_sqlite3";
    public const int Ok = 0;
    public const int Row = 100;
    public const int Done = 101;
    public const int Null = 5;
    public const int Blob = 4;

    /// <summary>SQLITE_TRANSIENT: SQLite copies the bound value before the call returns.</summary>
    public static readonly IntPtr Transient = new(-1);

    private static readonly Lazy<bool> IsBundled = new(() =>
    {
        try
        {
            return raw.GetNativeLibraryName() == Library && sqlite3_libversion_number() == raw.sqlite3_libversion_number();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    });

    /// <summary>Whether SQLitePCL runs on the bundled e_sqlite3. Ask only once a SQLite connection exists: SQLitePCL has
    /// no provider before (a process on PostgreSQL never opens one).</summary>
    public static bool Bundled => IsBundled.Value;

    /// <summary>The column's bytes (text as UTF-8), valid until the statement steps or resets; empty for NULL.</summary>
    public static ReadOnlySpan<byte> ColumnBytes(IntPtr stmt, int column)
    {
        var p = sqlite3_column_blob(stmt, column);
        return p is null ? default : new ReadOnlySpan<byte>(p, sqlite3_column_bytes(stmt, column));
    }

    /// <summary>Binds UTF-8 text, copied by SQLite.</summary>
    public static int BindText(IntPtr stmt, int index, ReadOnlySpan<byte> utf8)
    {
        // A null pointer would bind NULL: an empty value points at a byte that is never read.
        byte empty = 0;
        fixed (byte* p = utf8)
        {
            return sqlite3_bind_text(stmt, index, utf8.IsEmpty ? &empty : p, utf8.Length, Transient);
        }
    }

    /// <summary>Binds a string (UTF-16, converted and copied by SQLite).</summary>
    public static int BindText(IntPtr stmt, int index, string text)
    {
        char empty = '\0';
        fixed (char* p = text)
        {
            return sqlite3_bind_text16(stmt, index, text.Length == 0 ? &empty : p, text.Length * 2, Transient);
        }
    }

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_bind_text(IntPtr stmt, int index, byte* text, int n, IntPtr destructor);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_bind_text16(IntPtr stmt, int index, char* text, int bytes, IntPtr destructor);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_bind_blob(IntPtr stmt, int index, byte* blob, int n, IntPtr destructor);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_bind_int64(IntPtr stmt, int index, long value);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_bind_double(IntPtr stmt, int index, double value);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_bind_null(IntPtr stmt, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int sqlite3_step(IntPtr stmt);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_reset(IntPtr stmt);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_clear_bindings(IntPtr stmt);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_changes(IntPtr db);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern long sqlite3_column_int64(IntPtr stmt, int column);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_column_int(IntPtr stmt, int column);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_column_type(IntPtr stmt, int column);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern byte* sqlite3_column_blob(IntPtr stmt, int column);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    public static extern int sqlite3_column_bytes(IntPtr stmt, int column);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_libversion_number();
}
