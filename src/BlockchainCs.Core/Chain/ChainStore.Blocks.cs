using System.Numerics;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Chain;

/// <summary>Blocks (every branch) and the best-chain index (height → hash).</summary>
public sealed partial class ChainStore
{
    public void InsertBlock(Block block, BigInteger chainWork, BlockStatus status) =>
        Cached("INSERT INTO blocks(hash, prev, height, chainwork, status, data) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)",
            block.Hash.ToArray(), block.PrevHash.ToArray(), block.Height, chainWork.ToByteArray(), (int)status, block.ToBytes()).ExecuteNonQuery();

    public void SetBlockStatus(Hash256 hash, BlockStatus status) =>
        Cached("UPDATE blocks SET status = $p1 WHERE hash = $p0", hash.ToArray(), (int)status).ExecuteNonQuery();

    public bool HasBlock(Hash256 hash)
    {
        using var reader = Cached("SELECT 1 FROM blocks WHERE hash = $p0", hash.ToArray()).ExecuteReader();
        return reader.Read();
    }

    public Block? GetBlock(Hash256 hash)
    {
        using var reader = Cached("SELECT data FROM blocks WHERE hash = $p0", hash.ToArray()).ExecuteReader();
        return reader.Read() ? Block.FromBytes((byte[])reader.GetValue(0)) : null;
    }

    /// <summary>The serialized block as stored (what a peer's getdata is answered with).</summary>
    public byte[]? GetBlockBytes(Hash256 hash)
    {
        using var reader = Cached("SELECT data FROM blocks WHERE hash = $p0", hash.ToArray()).ExecuteReader();
        return reader.Read() ? (byte[])reader.GetValue(0) : null;
    }

    public StoredBlockInfo? GetBlockInfo(Hash256 hash)
    {
        using var reader = Cached("SELECT prev, height, chainwork, status FROM blocks WHERE hash = $p0", hash.ToArray()).ExecuteReader();
        if (!reader.Read())
            return null;
        return new StoredBlockInfo(hash, new Hash256((byte[])reader.GetValue(0)), reader.GetInt32(1),
            new BigInteger((byte[])reader.GetValue(2)), (BlockStatus)reader.GetInt32(3));
    }

    public int BlockCount()
    {
        using var reader = Cached("SELECT COUNT(*) FROM blocks").ExecuteReader();
        reader.Read();
        return reader.GetInt32(0);
    }

    public Hash256? GetBestHash(int height)
    {
        using var reader = Cached("SELECT hash FROM best_chain WHERE height = $p0", height).ExecuteReader();
        return reader.Read() ? new Hash256((byte[])reader.GetValue(0)) : null;
    }

    /// <summary>The best-chain hashes from <paramref name="fromHeight"/> upwards, at most <paramref name="limit"/>.</summary>
    public List<Hash256> GetBestHashes(int fromHeight, int limit)
    {
        var hashes = new List<Hash256>();
        using var reader = Cached("SELECT hash FROM best_chain WHERE height >= $p0 ORDER BY height LIMIT $p1", fromHeight, limit).ExecuteReader();
        while (reader.Read())
            hashes.Add(new Hash256((byte[])reader.GetValue(0)));
        return hashes;
    }

    /// <summary>The headers of the best chain from <paramref name="fromHeight"/> upwards, at most <paramref name="limit"/> (only the header bytes are read).</summary>
    public List<Block> GetBestHeaders(int fromHeight, int limit)
    {
        var headers = new List<Block>();
        using var reader = Cached($"SELECT substr(b.data, 1, {Block.HeaderSize}) FROM best_chain c JOIN blocks b ON b.hash = c.hash " +
            "WHERE c.height >= $p0 ORDER BY c.height LIMIT $p1", fromHeight, limit).ExecuteReader();
        var buffer = new byte[Block.HeaderSize + 1]; // the header and a zero transaction count
        while (reader.Read())
        {
            ((byte[])reader.GetValue(0)).CopyTo(buffer, 0);
            headers.Add(Block.FromBytes(buffer));
        }

        return headers;
    }

    public void SetBestHash(int height, Hash256 hash) =>
        Cached("INSERT INTO best_chain(height, hash) VALUES ($p0, $p1) ON CONFLICT(height) DO UPDATE SET hash = excluded.hash", height, hash.ToArray()).ExecuteNonQuery();

    public void RemoveBestHash(int height) => Cached("DELETE FROM best_chain WHERE height = $p0", height).ExecuteNonQuery();

    /// <summary>Remembers a block that broke a rule (hash, parent, height), without its data.</summary>
    public void MarkInvalid(Hash256 hash, Hash256 prev, int height) =>
        Cached("INSERT OR IGNORE INTO invalid_blocks(hash, prev, height) VALUES ($p0, $p1, $p2)", hash.ToArray(), prev.ToArray(), height).ExecuteNonQuery();

    public bool IsMarkedInvalid(Hash256 hash)
    {
        using var reader = Cached("SELECT 1 FROM invalid_blocks WHERE hash = $p0", hash.ToArray()).ExecuteReader();
        return reader.Read();
    }

    /// <summary>Forgets the oldest invalid marks beyond <paramref name="keep"/> (a hostile peer cannot grow the table without bound).</summary>
    public void TrimInvalid(int keep) =>
        Cached("DELETE FROM invalid_blocks WHERE rowid <= (SELECT MAX(rowid) FROM invalid_blocks) - $p0", keep).ExecuteNonQuery();
}
