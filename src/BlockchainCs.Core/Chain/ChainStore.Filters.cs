using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Chain;

/// <summary>BIP 158 basic filters and filter headers of the best chain's blocks, written with the block.</summary>
public sealed partial class ChainStore
{
    public void PutFilter(Hash256 blockHash, byte[] filter, Hash256 header) =>
        Cached("INSERT INTO block_filters(hash, filter, header) VALUES ($p0, $p1, $p2) ON CONFLICT(hash) DO UPDATE SET filter = excluded.filter, header = excluded.header",
            blockHash.ToArray(), filter, header.ToArray()).ExecuteNonQuery();

    public (byte[] Filter, Hash256 Header)? GetFilter(Hash256 blockHash)
    {
        using var reader = Cached("SELECT filter, header FROM block_filters WHERE hash = $p0", blockHash.ToArray()).ExecuteReader();
        return reader.Read() ? ((byte[])reader.GetValue(0), new Hash256((byte[])reader.GetValue(1))) : null;
    }

    public void DeleteFilter(Hash256 blockHash) => Cached("DELETE FROM block_filters WHERE hash = $p0", blockHash.ToArray()).ExecuteNonQuery();

    public void ClearFilters() => Execute("DELETE FROM block_filters");
}
