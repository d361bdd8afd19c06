using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Chain;

/// <summary>Undo data: for each connected block, the outputs it spent, so a reorganisation can restore them.</summary>
public sealed partial class ChainStore
{
    public void PutUndo(Hash256 blockHash, byte[] data) =>
        Cached("INSERT INTO undo(hash, data) VALUES ($p0, $p1) ON CONFLICT(hash) DO UPDATE SET data = excluded.data", blockHash.ToArray(), data).ExecuteNonQuery();

    public byte[]? GetUndo(Hash256 blockHash)
    {
        using var reader = Cached("SELECT data FROM undo WHERE hash = $p0", blockHash.ToArray()).ExecuteReader();
        return reader.Read() ? (byte[])reader.GetValue(0) : null;
    }

    public void DeleteUndo(Hash256 blockHash) => Cached("DELETE FROM undo WHERE hash = $p0", blockHash.ToArray()).ExecuteNonQuery();
}
