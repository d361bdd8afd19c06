using Microsoft.Data.Sqlite;

namespace BlockchainCs.Core.Chain;

/// <summary>Turns SQLite's errors while writing into what a user (or the node) can act on: disk full, read-only, other.</summary>
public static class StoreFaults
{
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    /// <summary>The error for a failed write; <paramref name="doing"/> says what was written ("writing block 23").</summary>
    public static StoreException WriteFailed(SqliteException e, string path, string doing) => e.SqliteErrorCode switch
    {
        SqliteFull => new StorageFullException($"disk full while {doing}: {Reason(e)}", e),
        // An I/O error with no space left (the WAL's shared memory could not grow, say) is the same fault.
        SqliteIoError when IsAlmostFull(path) => new StorageFullException($"disk full while {doing}: {Reason(e)}", e),
        SqliteReadOnly => ReadOnly(path, doing, e),
        SqliteIoError or SqliteCantOpen when IsReadOnly(path) => ReadOnly(path, doing, e),
        _ => new StoreException($"cannot write {path} while {doing}: {Reason(e)}", e),
    };

    /// <summary>The refusal of a write to a database that cannot be written; <paramref name="doing"/> names who wanted to.</summary>
    public static ReadOnlyStoreException ReadOnly(string path, string doing, Exception? inner = null) =>
        new($"database is read-only: {path} ({doing} needs to write it)", inner);

    private static string DirectoryOf(string path) => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";

    /// <summary>SQLite's own words: "SQLite Error 13: 'database or disk is full'." → "database or disk is full".</summary>
    private static string Reason(SqliteException e)
    {
        var message = e.Message.TrimEnd('.');
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return (message.StartsWith("SQLite Error ", StringComparison.Ordinal) && colon > 0 ? message[(colon + 2)..] : message).Trim('\'');
    }

    /// <summary>
    /// True when the database cannot be written: its file (when it exists) opens only for reading, or its directory takes
    /// no new file - a read-only mount (EROFS even for root), or no permission. A full disk still makes an empty file.
    /// </summary>
    public static bool IsReadOnly(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                using (File.Open(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
                {
                }
            }

            // The directory too: SQLite makes its -wal and -shm files there, and the writer its lock file.
            var probe = System.IO.Path.Combine(DirectoryOf(path), $".write-probe-{Environment.ProcessId}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
        catch (IOException e)
        {
            return e.HResult == ReadOnlyFileSystem || e.Message.Contains("read-only", StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Less than 1 MiB left on the database's file system.</summary>
    private static bool IsAlmostFull(string path)
    {
        try
        {
            return new DriveInfo(DirectoryOf(path)).AvailableFreeSpace < 1024 * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>EROFS, as .NET reports it in an IOException's HResult on Unix.</summary>
    private const int ReadOnlyFileSystem = 30;
}
