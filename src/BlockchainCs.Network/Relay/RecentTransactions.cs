using System.Collections.Concurrent;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>
/// Transactions this node accepted lately stay available to getdata after a block took them out of the mempool
/// (Bitcoin Core's relay map): a peer that saw our inv, or a <c>send</c> client confirming its transaction, may ask
/// just after a miner confirmed it. Bounded in count and bytes; the oldest leave first.
/// </summary>
public sealed class RecentTransactions(int maxCount = 5_000, long maxBytes = 16 * 1024 * 1024)
{
    private readonly ConcurrentDictionary<Hash256, Transaction> _byId = new();
    private readonly ConcurrentQueue<(Hash256 Id, int Size)> _order = new();
    private long _bytes;

    public void Add(IEnumerable<Transaction> transactions)
    {
        foreach (var tx in transactions)
        {
            if (!_byId.TryAdd(tx.Id, tx))
                continue;
            var size = tx.Size;
            _order.Enqueue((tx.Id, size));
            Interlocked.Add(ref _bytes, size);
            while ((_byId.Count > maxCount || Interlocked.Read(ref _bytes) > maxBytes) && _order.TryDequeue(out var oldest))
            {
                _byId.TryRemove(oldest.Id, out _);
                Interlocked.Add(ref _bytes, -oldest.Size);
            }
        }
    }

    public Transaction? Get(Hash256 txId) => _byId.GetValueOrDefault(txId);
}
