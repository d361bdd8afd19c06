using Microsoft.Data.Sqlite;

namespace BlockchainCs.Core.Chain;

/// <summary>
/// ChainStore is the node's SQLite file (blockchain_NODE_ID.db, WAL mode): blocks, the best-chain index, the UTXO set
/// indexed by owner, undo data per block and a few settings. Writes happen inside <see cref="BeginWrite"/> batches so a
/// block, its UTXO changes and its undo data commit together or not at all. Not thread-safe: <see cref="Blockchain"/>
/// is its only user and serialises access.
/// </summary>
public sealed partial class ChainStore : IDisposable
{
    private const string FormatVersion = "blockchain_cs/1";

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = [];
    private SqliteTransaction? _transaction;

    static ChainStore() => SQLitePCL.Batteries_V2.Init();

    private ChainStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    public string Path { get; }

    /// <summary>The version of the SQLite library in use (e.g. "3.46.1").</summary>
    public static string SqliteVersion => SQLitePCL.raw.sqlite3_libversion().utf8_to_string();

    /// <summary>Creates a new, empty store; fails when the file exists.</summary>
    public static ChainStore Create(string path)
    {
        if (File.Exists(path))
            throw new StoreException($"Blockchain already exists in {path}");
        var store = Connect(path, SqliteOpenMode.ReadWriteCreate);
        try
        {
            store.Execute("PRAGMA journal_mode=WAL");
            using var batch = store.BeginWrite();
            store.Execute(Schema);
            store.SetMeta("format", FormatVersion);
            batch.Commit();
            return store;
        }
        catch
        {
            store.Dispose();
            File.Delete(path);
            throw;
        }
    }

    /// <summary>The error for a command that needs a chain where there is none yet.</summary>
    public static StoreException Missing(string path) =>
        new($"No existing blockchain found in {path}. Create one first (createblockchain).");

    /// <summary>
    /// Opens an existing store; fails clearly when it is missing or is not a blockchain database. Read-only stores write
    /// nothing (no WAL set-up, no migration), so reading works on a read-only mount and on a full disk.
    /// </summary>
    public static ChainStore Open(string path, StoreOptions? options = null)
    {
        options ??= StoreOptions.Default;
        if (!File.Exists(path))
            throw Missing(path);
        if (!options.ReadOnly)
            return OpenAs(path, SqliteOpenMode.ReadWrite, options);
        // A reader opens read-write where it can (so the last one to close tidies the WAL files away, as a writer does)
        // but with query_only set; on a read-only mount, or when the disk is too full to map the WAL index, read-only.
        try
        {
            return OpenAs(path, SqliteOpenMode.ReadWrite, options);
        }
        catch (StoreException e) when (e.InnerException is SqliteException { SqliteErrorCode: 8 or 10 or 13 or 14 })
        {
            // Fall through to a read-only connection.
        }

        try
        {
            return OpenAs(path, SqliteOpenMode.ReadOnly, options);
        }
        catch (StoreException e) when (e.InnerException is SqliteException { SqliteErrorCode: 8 or 10 or 14 })
        {
            // The WAL index (-shm) cannot be made or mapped: a read-only mount, a full disk. Read the database file as
            // it stands (SQLite's immutable mode): what was committed up to the last checkpoint, which a clean stop
            // makes complete.
            return OpenAs(path, SqliteOpenMode.ReadOnly, options, immutable: true);
        }
    }

    private static ChainStore OpenAs(string path, SqliteOpenMode mode, StoreOptions options, bool immutable = false)
    {
        var store = Connect(immutable ? $"file:{Uri.EscapeDataString(System.IO.Path.GetFullPath(path)).Replace("%2F", "/", StringComparison.Ordinal)}?immutable=1" : path,
            mode, options.SyncFull, path);
        try
        {
            if (store.GetMetaString("format") != FormatVersion)
                throw new StoreException($"{path} is not a blockchain_cs database");
            if (options.ReadOnly)
            {
                store.Execute("PRAGMA query_only=1");
            }
            else
            {
                store.Execute("PRAGMA journal_mode=WAL");
                store.Execute(Migrations);
            }

            return store;
        }
        catch (SqliteException e) when (!options.ReadOnly && e.SqliteErrorCode is 8 or 13 or 10 or 14)
        {
            store.Dispose();
            throw StoreFaults.WriteFailed(e, path, "opening it for writing");
        }
        catch (SqliteException e)
        {
            store.Dispose();
            throw new StoreException($"{path} is not a readable blockchain database ({e.Message.TrimEnd('.')})", e);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static ChainStore Connect(string dataSource, SqliteOpenMode mode, bool syncFull = false, string? path = null)
    {
        path ??= dataSource;
        // No pooling: closing must really close the file so a copy (blockchain_genesis.db) is complete.
        var builder = new SqliteConnectionStringBuilder { DataSource = dataSource, Mode = mode, Pooling = false, DefaultTimeout = 30 };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new StoreException($"cannot open {path}: {e.Message}", e);
        }

        var store = new ChainStore(connection, path);
        // A CLI command may read while the node writes: wait for the writer instead of failing.
        store.Execute($"PRAGMA busy_timeout=10000; PRAGMA synchronous={(syncFull ? "FULL" : "NORMAL")}; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536");
        return store;
    }

    // utxo_by_owner holds the value too, so a balance is summed from the index alone, without a table lookup per output.
    private const string Schema = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
        CREATE TABLE blocks (
            hash BLOB PRIMARY KEY, prev BLOB NOT NULL, height INTEGER NOT NULL,
            chainwork BLOB NOT NULL, status INTEGER NOT NULL, data BLOB NOT NULL);
        CREATE INDEX blocks_by_prev ON blocks(prev);
        CREATE TABLE best_chain (height INTEGER PRIMARY KEY, hash BLOB NOT NULL);
        CREATE TABLE utxo (
            txid BLOB NOT NULL, vout INTEGER NOT NULL, value INTEGER NOT NULL, pubkeyhash BLOB NOT NULL,
            height INTEGER NOT NULL, coinbase INTEGER NOT NULL, PRIMARY KEY (txid, vout)) WITHOUT ROWID;
        CREATE INDEX utxo_by_owner ON utxo(pubkeyhash, value);
        CREATE TABLE undo (hash BLOB PRIMARY KEY, data BLOB NOT NULL);
        CREATE TABLE tx_index (txid BLOB PRIMARY KEY, height INTEGER NOT NULL) WITHOUT ROWID;
        """ + Migrations;

    // Tables added after format 1: created by Create and, when missing, by Open (so older databases keep working).
    private const string Migrations = """
        CREATE TABLE IF NOT EXISTS invalid_blocks (hash BLOB PRIMARY KEY, prev BLOB NOT NULL, height INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS block_filters (hash BLOB PRIMARY KEY, filter BLOB NOT NULL, header BLOB NOT NULL);
        """;

    /// <summary>Starts a write batch (one SQLite transaction). Dispose without Commit rolls everything back.</summary>
    public WriteBatch BeginWrite()
    {
        if (_transaction is not null)
            throw new InvalidOperationException("a write batch is already open");
        _transaction = _connection.BeginTransaction(deferred: false);
        return new WriteBatch(this);
    }

    /// <summary>
    /// Starts a read transaction: every query until it is disposed sees one snapshot of the database (SQLite WAL), even
    /// while another process writes. Disposing it ends the read; nothing is written.
    /// </summary>
    public WriteBatch BeginRead()
    {
        if (_transaction is not null)
            throw new InvalidOperationException("a transaction is already open");
        _transaction = _connection.BeginTransaction(deferred: true);
        return new WriteBatch(this);
    }

    internal void EndWrite(bool commit)
    {
        if (_transaction is null)
            return;
        try
        {
            if (commit)
                _transaction.Commit();
            else
                Rollback();
        }
        catch (SqliteException) when (commit)
        {
            // A commit that failed (disk full) leaves the transaction open: end it so the connection can go on.
            Rollback();
            throw;
        }
        finally
        {
            _transaction.Dispose();
            _transaction = null;
        }
    }

    /// <summary>
    /// Rolls back, unless SQLite already did: after SQLITE_FULL or an I/O error it may end the transaction itself, and a
    /// second rollback would fail with "no transaction is active", hiding the real error.
    /// </summary>
    private void Rollback()
    {
        if (SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0)
            _transaction!.Rollback();
    }

    /// <summary>
    /// Caps the database at <paramref name="pages"/> pages (SQLite's max_page_count): writes beyond fail as on a full
    /// disk (SQLITE_FULL). Tests use it to fill the "disk" deterministically; 0 restores the default limit.
    /// </summary>
    internal void LimitPages(long pages) =>
        Execute($"PRAGMA max_page_count={(pages > 0 ? pages : 4294967294)}");

    internal bool TryCheckpoint()
    {
        try
        {
            Execute("PRAGMA wal_checkpoint(TRUNCATE)");
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>A setting of the open connection (e.g. "synchronous": 1 NORMAL, 2 FULL), for tests.</summary>
    internal long Pragma(string name)
    {
        using var command = Command($"PRAGMA {name}");
        return (long)command.ExecuteScalar()!;
    }

    internal long PageCount()
    {
        using var command = Command("PRAGMA page_count");
        return (long)command.ExecuteScalar()!;
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command;
    }

    /// <summary>A prepared command kept for the connection's lifetime (the hot paths: UTXO lookups, block reads).</summary>
    private SqliteCommand Cached(string sql, params object[] values)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
                command.Parameters.Add(new SqliteParameter($"$p{i}", null));
            _commands[sql] = command;
        }

        command.Transaction = _transaction;
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i];
        return command;
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        EndWrite(commit: false);
        foreach (var command in _commands.Values)
            command.Dispose();
        _commands.Clear();
        _connection.Dispose();
    }
}
