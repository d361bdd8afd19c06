using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Chain;

/// <summary>Rebuilding the UTXO set (and the block filters) from the blocks of the best chain.</summary>
public sealed partial class Blockchain
{
    /// <summary>Rebuilds the set in one transaction; <paramref name="progress"/> hears (blocks done, best height).</summary>
    internal void RebuildUtxoSet(Action<int, int>? progress = null)
    {
        lock (_gate)
            Writing(Path, "rebuilding the UTXO set", () => RebuildLocked(progress));
    }

    private bool RebuildLocked(Action<int, int>? progress)
    {
        using var batch = _store.BeginWrite();
        _tip = ReadTip();
        _store.ClearUtxos();
        _store.ClearTransactionIds();
        for (var height = 0; height <= _tip.Height; height++)
        {
            var hash = _store.GetBestHash(height) ?? throw new StoreException($"the best chain has no block at height {height}");
            var block = _store.GetBlock(hash) ?? throw new StoreException($"block {hash} is missing from the store");
            _store.AddTransactionIds(block);
            progress?.Invoke(height, _tip.Height);
            foreach (var tx in block.Transactions)
            {
                if (!tx.IsCoinbase)
                    foreach (var input in tx.Inputs)
                        if (!_store.RemoveUtxo(input.PrevOut))
                            throw new StoreException($"block {hash} spends {input.PrevOut}, which the rebuilt set lacks");
                for (var i = 0; i < tx.Outputs.Count; i++)
                    _store.AddUtxo(new UtxoEntry(new OutPoint(tx.Id, (uint)i), tx.Outputs[i], block.Height, tx.IsCoinbase));
            }
        }

        RebuildFiltersLocked();
        batch.Commit();
        return true;
    }
}
