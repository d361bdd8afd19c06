using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// Blocks: getblocks → inv (≤ 500) → getdata → block, with the next getblocks sent while a full batch downloads. A block
/// is stored only when it extends or outweighs the best chain; one nobody asked for is taken only when it extends the
/// tip (a miner's relay), so junk side blocks cost a peer its bandwidth, never our disk.
/// </summary>
public sealed partial class SyncManager
{
    private bool ProcessInv(Peer peer, InvPayload inv)
    {
        var wanted = new List<InventoryVector>();
        var now = _config.Time.GetUtcNow();
        Hash256? lastBlock = null;
        var blockCount = 0;
        foreach (var item in inv.Items)
        {
            peer.Known.Add(item.Hash);
            if (item.Type == InventoryType.Block)
            {
                blockCount++;
                lastBlock = item.Hash;
                if (WritesPaused(now) || _requests.IsPending(item.Hash, now) || _orphanBlocks.Contains(item.Hash) || _chain.HasBlock(item.Hash)
                    || _chain.IsKnownInvalid(item.Hash) || !_requests.TryAdd(item.Hash, peer, now))
                    continue;
                wanted.Add(item);
            }
            else if (item.Type == InventoryType.Tx && !_mempool.Contains(item.Hash) && !_orphanTransactions.Contains(item.Hash)
                && !Rejects.Contains(item.Hash))
            {
                wanted.Add(item);
            }
        }

        if (wanted.Count > 0)
            peer.Send(new GetDataPayload(wanted));
        // A full batch means there is more: ask for the next one while this one downloads.
        if (blockCount == MaxBlocksPerInv && lastBlock is { } last && !WritesPaused(now))
            RequestBlocks(peer, last);
        return true;
    }

    private BlockOutcome ProcessBlock(Block block, int size, Peer? source)
    {
        var hash = block.Hash;
        var requested = _requests.Remove(hash) is not null;
        if (WritesPaused(_config.Time.GetUtcNow()))
            return BlockOutcome.Deferred("the disk is full: sync is paused");
        if (source is not null && !requested && block.PrevHash != _chain.Tip.Hash)
        {
            _log.LogDebug("Ignored block {Hash} from {Peer}: nobody asked for it and it does not extend the tip", hash, source);
            return BlockOutcome.Ignored;
        }

        // One block at the tip is told as the tutorial does; the blocks of a long sync only as the progress line.
        var level = source is not null && IsCatchingUp(source, _chain) ? LogLevel.Debug : LogLevel.Information;
        if (source is not null)
            _log.Log(level, "Received a new block! {Hash} at height {Height} from {Peer}", hash, block.Height, source);
        var connected = new List<Block>();
        var outcome = Add(block, size, source, connected);
        // Pooled blocks waiting for the ones just connected (and their children) can follow now.
        var parents = new Queue<Hash256>(connected.Select(b => b.Hash));
        while (parents.TryDequeue(out var parent))
        {
            foreach (var child in _orphanBlocks.ChildrenOf(parent))
            {
                if (IsStoragePaused)
                    break;
                _orphanBlocks.Remove(child.Hash);
                var before = connected.Count;
                Add(child, 0, null, connected);
                foreach (var added in connected.Skip(before))
                    parents.Enqueue(added.Hash);
            }
        }

        foreach (var added in connected)
            _log.Log(level, "Added block {Hash} at height {Height}", added.Hash, added.Height);
        if (connected.Count > 0)
            AfterConnect(connected, source);
        if (source is not null && !outcome.IsInvalid && outcome.Deferral is null && _requests.CountFor(source) == 0 && source.Stats.BestHeight > _chain.Tip.Height)
            RequestBlocks(source, Hash256.Zero);
        return outcome with { Connected = connected };
    }

    /// <summary>Hands one block, with its pooled ancestors, to the chain; pools what cannot be stored yet.</summary>
    private BlockOutcome Add(Block block, int size, Peer? source, List<Block> connected)
    {
        var ancestors = _orphanBlocks.AncestorsOf(block);
        BlockAddResult result;
        try
        {
            result = _chain.AddBlock(block, ancestors);
        }
        catch (StorageFullException e)
        {
            return PauseForStorage(e);
        }
        catch (RuleException e)
        {
            // The block and everything built on it in the pool are invalid; the pooled ancestors may still be fine.
            var descendants = _orphanBlocks.DescendantsOf(block.Hash);
            foreach (var bad in descendants.Prepend(block))
                _orphanBlocks.Remove(bad.Hash);
            if (descendants.Count > 0)
                _chain.MarkInvalid(descendants);
            if (source is not null && e.Code != RuleErrorCode.TimeTooNew)
                _discipline.Punish(source, Offence.InvalidBlock, $"block {block.Hash}: {e.Code} {e.Message}");
            else
                _log.LogWarning("Rejected block {Hash}: {Code} {Reason}", block.Hash, e.Code, e.Message);
            return BlockOutcome.Invalid(e);
        }

        switch (result.Status)
        {
            case BlockAddStatus.Orphan:
                _orphanBlocks.Add(block, size == 0 ? block.ToBytes().Length : size, source);
                if (source is not null)
                    RequestAncestors(source, block);
                break;
            case BlockAddStatus.SideBranch:
                _orphanBlocks.Add(block, size == 0 ? block.ToBytes().Length : size, source);
                _log.LogInformation("Block {Hash} at height {Height} is on a side branch, not heavier than ours: kept in memory, not stored",
                    block.Hash, block.Height);
                break;
            case BlockAddStatus.Connected or BlockAddStatus.Reorganized:
                StorageWorked();
                foreach (var ancestor in ancestors)
                    _orphanBlocks.Remove(ancestor.Hash);
                connected.AddRange(result.Connected);
                var returned = _mempool.OnChainChanged(result, _config.Time.GetUtcNow());
                if (returned.Count > 0)
                {
                    // Payments of the losing branch are pending again: tell every peer, so they reach the winning miners.
                    _log.LogInformation("{Count} transaction(s) of disconnected blocks are back in the mempool; announcing them", returned.Count);
                    _announcer.Announce([.. returned.Select(tx => new InventoryVector(InventoryType.Tx, tx.Id))], null);
                    MempoolChanged?.Invoke();
                }
                if (source is not null)
                    source.Stats.NoteBlock(_config.Time.GetUtcNow());
                TipChanged?.Invoke(result);
                break;
        }

        return new BlockOutcome(result.Status, [], null);
    }

    /// <summary>
    /// True while <paramref name="peer"/> is more than <see cref="TellEachBlockWithin"/> blocks ahead: a long sync, told by
    /// its progress line, not block by block.
    /// </summary>
    public static bool IsCatchingUp(Peer peer, Blockchain chain) => peer.Stats.BestHeight - chain.Tip.Height > TellEachBlockWithin;

    /// <summary>A sync this short (the tutorial's demo) is told block by block.</summary>
    public const int TellEachBlockWithin = 10;

    /// <summary>An orphan: ask its sender what follows our best chain (at most once a second per peer).</summary>
    private void RequestAncestors(Peer peer, Block orphan)
    {
        var now = _config.Time.GetUtcNow();
        if (_lastAncestorRequest.TryGetValue(peer, out var last) && now - last < TimeSpan.FromSeconds(1))
            return;
        _lastAncestorRequest[peer] = now;
        _log.LogInformation("Block {Hash} from {Peer} is an orphan (parent {Parent} unknown); requesting its ancestors", orphan.Hash, peer,
            _orphanBlocks.MissingRoot(orphan));
        RequestBlocks(peer, Hash256.Zero);
    }

    private void AfterConnect(List<Block> connected, Peer? source)
    {
        _announcer.Announce([.. connected.Select(b => new InventoryVector(InventoryType.Block, b.Hash))], source);
        ReexamineOrphanTransactions(connected);
        var best = _announcer.ReadyPeers().Select(p => p.Stats.BestHeight).DefaultIfEmpty(0).Max();
        _progress.Report(_chain.Tip.Height, best, connected.Count);
    }
}
