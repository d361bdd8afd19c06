using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Chain;

/// <summary>The UTXO set: one row per unspent output, indexed by outpoint and by owner (public-key hash).</summary>
public sealed partial class ChainStore
{
    public UtxoEntry? GetUtxo(OutPoint outPoint)
    {
        using var reader = Cached("SELECT value, pubkeyhash, height, coinbase FROM utxo WHERE txid = $p0 AND vout = $p1",
            outPoint.TxId.ToArray(), (long)outPoint.Index).ExecuteReader();
        if (!reader.Read())
            return null;
        return new UtxoEntry(outPoint, new TxOutput(reader.GetInt64(0), (byte[])reader.GetValue(1)), reader.GetInt32(2), reader.GetInt64(3) != 0);
    }

    public void AddUtxo(UtxoEntry entry) =>
        Cached("INSERT INTO utxo(txid, vout, value, pubkeyhash, height, coinbase) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)",
            entry.OutPoint.TxId.ToArray(), (long)entry.OutPoint.Index, entry.Output.Value, entry.Output.PubKeyHash,
            entry.Height, entry.IsCoinbase ? 1 : 0).ExecuteNonQuery();

    /// <summary>Removes an output; false when it was not there.</summary>
    public bool RemoveUtxo(OutPoint outPoint) =>
        Cached("DELETE FROM utxo WHERE txid = $p0 AND vout = $p1", outPoint.TxId.ToArray(), (long)outPoint.Index).ExecuteNonQuery() == 1;

    /// <summary>Every unspent output locked to <paramref name="pubKeyHash"/>, through the owner index (cost independent of chain length).</summary>
    public List<UtxoEntry> GetUtxosByOwner(byte[] pubKeyHash)
    {
        var entries = new List<UtxoEntry>();
        using var reader = Cached("SELECT txid, vout, value, height, coinbase FROM utxo WHERE pubkeyhash = $p0 ORDER BY height, txid, vout", pubKeyHash).ExecuteReader();
        while (reader.Read())
        {
            var outPoint = new OutPoint(new Hash256((byte[])reader.GetValue(0)), (uint)reader.GetInt64(1));
            entries.Add(new UtxoEntry(outPoint, new TxOutput(reader.GetInt64(2), pubKeyHash), reader.GetInt32(3), reader.GetInt64(4) != 0));
        }

        return entries;
    }

    /// <summary>The sum of the outputs locked to <paramref name="pubKeyHash"/>, computed by SQLite from the owner index alone (it holds the values).</summary>
    public long GetBalance(byte[] pubKeyHash)
    {
        using var reader = Cached("SELECT COALESCE(SUM(value), 0) FROM utxo WHERE pubkeyhash = $p0", pubKeyHash).ExecuteReader();
        reader.Read();
        return reader.GetInt64(0);
    }

    /// <summary>All unspent outputs in a fixed order (txid, vout), for hashing and comparing sets.</summary>
    public IEnumerable<UtxoEntry> EnumerateUtxos()
    {
        using var command = Command("SELECT txid, vout, value, pubkeyhash, height, coinbase FROM utxo ORDER BY txid, vout");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var outPoint = new OutPoint(new Hash256((byte[])reader.GetValue(0)), (uint)reader.GetInt64(1));
            yield return new UtxoEntry(outPoint, new TxOutput(reader.GetInt64(2), (byte[])reader.GetValue(3)), reader.GetInt32(4), reader.GetInt64(5) != 0);
        }
    }

    public (long Outputs, long Transactions) CountUtxos()
    {
        using var reader = Cached("SELECT COUNT(*), COUNT(DISTINCT txid) FROM utxo").ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public void ClearUtxos() => Execute("DELETE FROM utxo");
}
