using System.Numerics;
using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;
using Microsoft.Data.Sqlite;

namespace BlockchainCs.Network.Spv;

/// <summary>
/// A light wallet's database, <c>spv_NODE_ID.db</c>: the header chain (every header received, and the best chain's
/// index), which blocks were scanned through a filter, and the wallet's transactions with the block each was proved in
/// (its position and the merkleblock's partial tree) — no blocks, no UTXO set. SQLite in WAL mode; each batch of headers
/// and each filtered block is one transaction.
/// </summary>
public sealed class SpvStore : IDisposable
{
    private const string Schema = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
        CREATE TABLE headers (hash BLOB PRIMARY KEY, prev BLOB NOT NULL, height INTEGER NOT NULL, chainwork BLOB NOT NULL, data BLOB NOT NULL);
        CREATE TABLE best_chain (height INTEGER PRIMARY KEY, hash BLOB NOT NULL);
        CREATE TABLE scanned (hash BLOB PRIMARY KEY);
        CREATE TABLE wallet_tx (txid BLOB PRIMARY KEY, data BLOB NOT NULL, first_seen INTEGER NOT NULL);
        CREATE TABLE tx_block (txid BLOB NOT NULL, block BLOB NOT NULL, position INTEGER NOT NULL, proof BLOB NOT NULL,
            PRIMARY KEY (txid, block)) WITHOUT ROWID;
        """;

    private readonly SqliteConnection _connection;

    private SpvStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
        GenesisHash = new Hash256(GetMeta("genesis") ?? throw new StoreException($"{path} is not a light wallet database"));
        TargetBits = BitConverter.ToInt32(GetMeta("target_bits")!);
    }

    public string Path { get; }

    public Hash256 GenesisHash { get; }

    public int TargetBits { get; }

    /// <summary>The chain's alert keys, taken from its genesis block when this database was made (null: none, or made before alerts).</summary>
    public Core.Consensus.AlertKeys? AlertKeys => GetMeta("alert_keys") is { } encoded ? Core.Consensus.AlertKeys.Decode(encoded) : null;

    public static string PathFor(string dataDirectory, string nodeId) => System.IO.Path.Combine(dataDirectory, $"spv_{nodeId}.db");

    /// <summary>A new light wallet database that starts from the chain's genesis header.</summary>
    public static SpvStore Create(string path, Block genesis, int targetBits)
    {
        if (File.Exists(path))
            throw new StoreException($"{path} exists already");
        var connection = Connect(path, SqliteOpenMode.ReadWriteCreate);
        try
        {
            Run(connection, "PRAGMA journal_mode=WAL");
            using var transaction = connection.BeginTransaction();
            Run(connection, Schema, transaction);
            SetMeta(connection, transaction, "genesis", genesis.Hash.ToArray());
            SetMeta(connection, transaction, "target_bits", BitConverter.GetBytes(targetBits));
            if (Core.Consensus.AlertKeys.FromGenesis(genesis) is { } alertKeys)
                SetMeta(connection, transaction, "alert_keys", alertKeys.Encode());
            InsertHeader(connection, transaction, new StoredHeader(Header(genesis), Core.Consensus.ProofOfWork.Work(genesis.TargetBits)));
            SetBest(connection, transaction, 0, genesis.Hash);
            transaction.Commit();
        }
        catch
        {
            connection.Dispose();
            File.Delete(path);
            throw;
        }

        return new SpvStore(connection, path);
    }

    public static SpvStore Open(string path, bool readOnly = false)
    {
        if (!File.Exists(path))
            throw new StoreException($"no light wallet database in {path}; start one with: blockchain_cs startnode -spv");
        var connection = Connect(path, readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite);
        try
        {
            return new SpvStore(connection, path);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The header alone: a block without transactions.</summary>
    public static Block Header(Block block) =>
        block.Transactions.Count == 0 ? block : new Block(block.Timestamp, block.PrevHash, block.MerkleRoot, block.TargetBits, block.Nonce, block.Height, []);

    public List<StoredHeader> LoadHeaders()
    {
        var headers = new List<StoredHeader>();
        using var command = Command("SELECT data, chainwork FROM headers ORDER BY height");
        using var reader = command.ExecuteReader();
        var buffer = new byte[Block.HeaderSize + 1];
        while (reader.Read())
        {
            ((byte[])reader.GetValue(0)).CopyTo(buffer, 0);
            headers.Add(new StoredHeader(Block.FromBytes(buffer), new BigInteger((byte[])reader.GetValue(1))));
        }

        return headers;
    }

    /// <summary>The best chain's hashes by height (index = height).</summary>
    public List<Hash256> LoadBestChain()
    {
        var best = new List<Hash256>();
        using var command = Command("SELECT hash FROM best_chain ORDER BY height");
        using var reader = command.ExecuteReader();
        while (reader.Read())
            best.Add(new Hash256((byte[])reader.GetValue(0)));
        return best;
    }

    /// <summary>New headers and the best chain from <paramref name="fromHeight"/> on, in one transaction.</summary>
    public void SaveHeaders(IReadOnlyList<StoredHeader> added, int fromHeight, IReadOnlyList<Hash256> bestFromThere)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var header in added)
            InsertHeader(_connection, transaction, header);
        using (var delete = Command("DELETE FROM best_chain WHERE height >= $p0", transaction, fromHeight))
            delete.ExecuteNonQuery();
        for (var i = 0; i < bestFromThere.Count; i++)
            SetBest(_connection, transaction, fromHeight + i, bestFromThere[i]);
        transaction.Commit();
    }

    public HashSet<Hash256> LoadScanned()
    {
        var scanned = new HashSet<Hash256>();
        using var command = Command("SELECT hash FROM scanned");
        using var reader = command.ExecuteReader();
        while (reader.Read())
            scanned.Add(new Hash256((byte[])reader.GetValue(0)));
        return scanned;
    }

    /// <summary>A filtered block processed: it is scanned, and each wallet transaction it proved is kept with its place (one transaction).</summary>
    public void SaveFilteredBlock(Hash256 block, IReadOnlyList<(Transaction Tx, int Position)> transactions, byte[] proof, DateTimeOffset now)
    {
        using var transaction = _connection.BeginTransaction();
        using (var scanned = Command("INSERT OR IGNORE INTO scanned(hash) VALUES ($p0)", transaction, block.ToArray()))
            scanned.ExecuteNonQuery();
        foreach (var (tx, position) in transactions)
        {
            InsertTransaction(transaction, tx, now);
            using var place = Command("INSERT OR REPLACE INTO tx_block(txid, block, position, proof) VALUES ($p0, $p1, $p2, $p3)", transaction,
                tx.Id.ToArray(), block.ToArray(), position, proof);
            place.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Blocks scanned that held none of the wallet's transactions, in one transaction.</summary>
    public void SaveScanned(IReadOnlyList<Hash256> blocks)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var block in blocks)
        {
            using var scanned = Command("INSERT OR IGNORE INTO scanned(hash) VALUES ($p0)", transaction, block.ToArray());
            scanned.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>An unconfirmed wallet transaction (relayed to us through our filter, or one we sent).</summary>
    public void SaveUnconfirmed(Transaction tx, DateTimeOffset now)
    {
        using var transaction = _connection.BeginTransaction();
        InsertTransaction(transaction, tx, now);
        transaction.Commit();
    }

    /// <summary>
    /// Every wallet transaction with its place on the best chain (from one read transaction, so the tip and the
    /// places belong together).
    /// </summary>
    public List<WalletTransaction> LoadTransactions()
    {
        using var transaction = _connection.BeginTransaction(deferred: true);
        int tip;
        using (var top = Command("SELECT MAX(height) FROM best_chain", transaction))
            tip = Convert.ToInt32(top.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        var result = new List<WalletTransaction>();
        using var command = Command("""
            SELECT w.data, w.first_seen, c.height, c.hash FROM wallet_tx w
            LEFT JOIN (SELECT t.txid, b.height, b.hash FROM tx_block t JOIN best_chain b ON b.hash = t.block) c ON c.txid = w.txid
            ORDER BY COALESCE(c.height, 2147483647), w.first_seen
            """, transaction);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var tx = Transaction.FromBytes((byte[])reader.GetValue(0));
            var seen = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
            int? height = reader.IsDBNull(2) ? null : reader.GetInt32(2);
            Hash256? block = reader.IsDBNull(3) ? null : new Hash256((byte[])reader.GetValue(3));
            result.Add(new WalletTransaction(tx, seen, height, block, tip));
        }

        return result;
    }

    public long FileBytes => new FileInfo(Path).Length + (File.Exists(Path + "-wal") ? new FileInfo(Path + "-wal").Length : 0);

    public void Dispose() => _connection.Dispose();

    private void InsertTransaction(SqliteTransaction transaction, Transaction tx, DateTimeOffset now)
    {
        using var insert = Command("INSERT OR IGNORE INTO wallet_tx(txid, data, first_seen) VALUES ($p0, $p1, $p2)", transaction,
            tx.Id.ToArray(), tx.ToBytes(), now.ToUnixTimeMilliseconds());
        insert.ExecuteNonQuery();
    }

    private static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 30 };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new StoreException($"cannot open {path}: {e.Message}", e);
        }
    }

    private static void InsertHeader(SqliteConnection connection, SqliteTransaction transaction, StoredHeader header)
    {
        var writer = new ByteWriter(Block.HeaderSize);
        header.Header.WriteHeader(writer);
        using var insert = Command(connection, "INSERT OR IGNORE INTO headers(hash, prev, height, chainwork, data) VALUES ($p0, $p1, $p2, $p3, $p4)",
            transaction, header.Hash.ToArray(), header.Header.PrevHash.ToArray(), header.Height, header.ChainWork.ToByteArray(), writer.ToArray());
        insert.ExecuteNonQuery();
    }

    private static void SetBest(SqliteConnection connection, SqliteTransaction transaction, int height, Hash256 hash)
    {
        using var set = Command(connection, "INSERT OR REPLACE INTO best_chain(height, hash) VALUES ($p0, $p1)", transaction, height, hash.ToArray());
        set.ExecuteNonQuery();
    }

    private static void SetMeta(SqliteConnection connection, SqliteTransaction transaction, string key, byte[] value)
    {
        using var set = Command(connection, "INSERT OR REPLACE INTO meta(key, value) VALUES ($p0, $p1)", transaction, key, value);
        set.ExecuteNonQuery();
    }

    private byte[]? GetMeta(string key)
    {
        using var command = Command("SELECT value FROM meta WHERE key = $p0", null, key);
        return command.ExecuteScalar() as byte[];
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null, params object[] values) =>
        Command(_connection, sql, transaction, values);

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction, params object[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
            command.Parameters.AddWithValue($"$p{i}", values[i]);
        return command;
    }

    private static void Run(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = Command(connection, sql, transaction);
        command.ExecuteNonQuery();
    }
}
