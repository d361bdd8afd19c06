using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network;

/// <summary>
/// The mempool kept across a restart (Bitcoin Core's mempool.dat), stored in the chain database: saved on a clean
/// shutdown, loaded and re-validated at start, so payments a node accepted are still offered to miners afterwards.
/// Format: count, then per transaction its arrival time (Unix milliseconds) and its serialized bytes.
/// </summary>
public static class MempoolFile
{
    public static byte[] Serialize(IReadOnlyList<MempoolEntry> entries)
    {
        var writer = new ByteWriter();
        writer.WriteCompactSize((ulong)entries.Count);
        foreach (var entry in entries)
        {
            writer.WriteInt64(entry.Added.ToUnixTimeMilliseconds());
            writer.WriteVarBytes(entry.Transaction.ToBytes());
        }

        return writer.ToArray();
    }

    /// <summary>
    /// Re-validates and adds the saved transactions (parents before children, whatever order they were saved in);
    /// returns how many came back and how many were left out (spent meanwhile, invalid on the chain now, no room).
    /// </summary>
    public static (int Restored, int Dropped) Restore(Mempool mempool, byte[] data, DateTimeOffset now)
    {
        var pending = new List<(Transaction Tx, DateTimeOffset Added)>();
        var reader = new ByteReader(data);
        try
        {
            var count = reader.ReadCount(1_000_000, 9);
            for (var i = 0; i < count; i++)
            {
                var added = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(reader.ReadInt64(), 0, now.ToUnixTimeMilliseconds()));
                pending.Add((Transaction.FromBytes(reader.ReadVarBytes(ChainParameters.MaxTransactionSize)), added));
            }
        }
        catch (Exception e) when (e is DecodeException or ArgumentOutOfRangeException)
        {
            // A damaged file: keep what was read before the damage.
        }

        var restored = 0;
        var dropped = 0;
        for (var progress = true; progress && pending.Count > 0;)
        {
            progress = false;
            foreach (var (tx, added) in pending.ToList())
            {
                try
                {
                    mempool.TryAdd(tx, added);
                    restored++;
                    pending.Remove((tx, added));
                    progress = true;
                }
                catch (RuleException e) when (e.Code == RuleErrorCode.MissingInput)
                {
                    // Perhaps a child read before its parent: try again on the next pass.
                }
                catch (Exception e) when (e is RuleException or PolicyException)
                {
                    pending.Remove((tx, added));
                    dropped++;
                }
            }
        }

        return (restored, dropped + pending.Count);
    }
}
