using System.Diagnostics;

namespace BlockchainCs.Core.Chain;

/// <summary>
/// One writer per chain database across processes. The writer holds an exclusive OS lock on <c>DB.lock</c> beside the
/// database (an <c>flock</c> on Unix, a share-nothing handle on Windows) for as long as it runs; the OS releases it when
/// the process dies, so a <c>kill -9</c> leaves no stale lock. The holder describes itself (command, pid, listen address)
/// in <c>DB.writer</c>, so a refused command can name it. Readers take no lock: SQLite's WAL gives them a snapshot.
/// </summary>
public sealed class WriterLock : IDisposable
{
    /// <summary>How often a waiting writer tries again.</summary>
    private static readonly TimeSpan s_retry = TimeSpan.FromMilliseconds(50);

    /// <summary>The holder description of a running node starts with this word; a node never waits for a write.</summary>
    public const string NodeHolderPrefix = "node";

    private readonly FileStream _lock;
    private readonly string _holderPath;

    private WriterLock(FileStream handle, string holderPath)
    {
        _lock = handle;
        _holderPath = holderPath;
    }

    public static string LockPath(string databasePath) => databasePath + ".lock";

    public static string HolderPath(string databasePath) => databasePath + ".writer";

    /// <summary>
    /// Takes the lock for <paramref name="holder"/> (e.g. "send -mine"), waiting up to <paramref name="wait"/> while another
    /// command holds it; refuses at once, naming it, when the holder is a running node. Unless
    /// <paramref name="creating"/>, a missing database is refused first (no lock file is made for nothing). The empty
    /// lock file stays when the lock is released (as bitcoind's .lock does): deleting it could let two writers lock two
    /// different files of the same name.
    /// </summary>
    /// <exception cref="StoreException">the database is locked by another writer, or the lock file cannot be made.</exception>
    public static WriterLock Acquire(string databasePath, string holder, TimeSpan wait, bool creating = false)
    {
        if (!creating && !File.Exists(databasePath))
            throw ChainStore.Missing(databasePath);
        var name = System.IO.Path.GetFileName(databasePath);
        var deadline = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (TryAcquire(databasePath, holder) is { } acquired)
                return acquired;
            var current = ReadHolder(databasePath) ?? "another process";
            if (current.StartsWith(NodeHolderPrefix, StringComparison.Ordinal))
                throw new StoreException($"{name} is in use by a running {current}; stop that node first (commands that only read work meanwhile)");
            if (Stopwatch.GetTimestamp() >= deadline)
                throw new StoreException($"{name} is being written by {current}; still busy after {wait.TotalSeconds:0} s, try again");
            Thread.Sleep(s_retry);
        }
    }

    /// <summary>Who holds the lock now, as it described itself (null when nobody said).</summary>
    public static string? ReadHolder(string databasePath)
    {
        try
        {
            var text = File.ReadAllText(HolderPath(databasePath)).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static WriterLock? TryAcquire(string databasePath, string holder)
    {
        FileStream handle;
        try
        {
            handle = new FileStream(LockPath(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StoreException($"cannot write {System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(databasePath))}: {e.Message}", e);
        }
        catch (IOException) when (File.Exists(LockPath(databasePath)))
        {
            return null; // held by another writer
        }
        catch (IOException e)
        {
            throw new StoreException($"cannot create the lock file {LockPath(databasePath)}: {e.Message}", e);
        }

        try
        {
            File.WriteAllText(HolderPath(databasePath), $"{holder} (pid {Environment.ProcessId})\n");
        }
        catch (UnauthorizedAccessException e)
        {
            handle.Dispose();
            throw new StoreException($"cannot write {HolderPath(databasePath)}: {e.Message}", e);
        }
        catch (IOException)
        {
            // A full disk: the lock is held all the same; a refused writer then names "another process".
        }

        return new WriterLock(handle, HolderPath(databasePath));
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_holderPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The next holder overwrites it.
        }

        _lock.Dispose();
    }
}
