using BlockchainCs.Core.Filters;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Chain;

/// <summary>
/// BIP 158 basic filters of the best chain: written with each block in its transaction, removed with it, rebuilt by
/// reindexutxo, and built for a database made before filters existed the first time it is opened to write.
/// </summary>
public sealed partial class Blockchain
{
    /// <summary>The filter and filter header of a best-chain block; null for any other.</summary>
    public (byte[] Filter, Hash256 Header)? GetFilter(Hash256 blockHash)
    {
        lock (_gate)
            return _store.GetFilter(blockHash);
    }

    /// <summary>Computes and stores a block's filter and header (inside the block's write batch; its parent's header exists).</summary>
    private void PutFilter(Block block, IEnumerable<TxOutput> spent)
    {
        var previous = block.IsGenesis ? Hash256.Zero
            : _store.GetFilter(block.PrevHash)?.Header ?? throw new StoreException($"the filter of block {block.PrevHash} is missing");
        var filter = BlockFilter.Build(block, spent);
        _store.PutFilter(block.Hash, filter, BlockFilter.Header(filter, previous));
    }

    /// <summary>
    /// Rebuilds every best-chain filter from the blocks and their undo data (outputs spent from earlier blocks) plus
    /// the block's own outputs (those it spends itself). Inside a write batch.
    /// </summary>
    private void RebuildFiltersLocked()
    {
        _store.ClearFilters();
        for (var height = 0; height <= _tip.Height; height++)
        {
            var hash = _store.GetBestHash(height) ?? throw new StoreException($"the best chain has no block at height {height}");
            var block = _store.GetBlock(hash) ?? throw new StoreException($"block {hash} is missing from the store");
            var fromStore = UndoData.Deserialize(_store.GetUndo(hash) ?? throw new StoreException($"undo data of block {hash} is missing"))
                .ToDictionary(e => e.OutPoint, e => e.Output);
            var own = block.Transactions.SelectMany(t => t.Outputs.Select((o, i) => (Point: new OutPoint(t.Id, (uint)i), Output: o)))
                .ToDictionary(x => x.Point, x => x.Output);
            var spent = block.Transactions.Where(t => !t.IsCoinbase).SelectMany(t => t.Inputs)
                .Select(i => fromStore.GetValueOrDefault(i.PrevOut) ?? own[i.PrevOut]);
            PutFilter(block, spent);
        }
    }

    /// <summary>A database made before filters existed gets them the first time it is opened to write (one transaction).</summary>
    private void EnsureFilters()
    {
        lock (_gate)
        {
            // Filters are written with each block and rebuilt all at once, so the tip's tells for the whole best chain.
            if (_store.GetFilter(_tip.Hash) is not null)
                return;
            Writing(Path, "building the block filters", () =>
            {
                using var batch = _store.BeginWrite();
                RebuildFiltersLocked();
                batch.Commit();
                return true;
            });
        }
    }
}
