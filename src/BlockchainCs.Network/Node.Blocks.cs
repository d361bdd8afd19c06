using System.Collections.Concurrent;
using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// Block sync and relay: getblocks → inv (≤ 500) → getdata (the whole batch at once) → block. While one batch downloads
/// the next getblocks is already out (pipelining), and the single writer applies blocks as they arrive.
/// </summary>
public sealed partial class Node
{
    public const int MaxBlocksPerInv = 500;

    /// <summary>How many of one peer's blocks may wait for the writer while its read loop goes on.</summary>
    private const int MaxQueuedBlocksPerPeer = 16;

    private readonly Dictionary<Hash256, (Peer Peer, DateTimeOffset At)> _blocksInFlight = [];
    private readonly ConcurrentDictionary<Peer, SemaphoreSlim> _queuedBlockSlots = new();

    /// <summary>Asks a peer for the block hashes after our best chain (or after <paramref name="from"/> when pipelining).</summary>
    private void RequestBlocks(Peer peer, Hash256 from)
    {
        var locator = Chain.BlockLocator();
        if (!from.IsZero)
            locator.Insert(0, from);
        if (locator.Count > GetBlocksPayload.MaxLocatorHashes)
            locator.RemoveRange(GetBlocksPayload.MaxLocatorHashes - 1, locator.Count - GetBlocksPayload.MaxLocatorHashes);
        peer.Send(new GetBlocksPayload(VersionPayload.CurrentProtocolVersion, locator, Hash256.Zero));
    }

    private void HandleGetBlocks(Peer peer, GetBlocksPayload request)
    {
        var hashes = Chain.HashesAfter(request.Locator, request.HashStop, MaxBlocksPerInv);
        if (hashes.Count == 0)
            return;
        foreach (var hash in hashes)
            peer.AddKnownInventory(hash);
        peer.Send(new InvPayload([.. hashes.Select(h => new InventoryVector(InventoryType.Block, h))]));
    }

    private void HandleInv(Peer peer, InvPayload inv)
    {
        var wanted = new List<InventoryVector>();
        var now = Config.Time.GetUtcNow();
        Hash256? lastBlock = null;
        var blockCount = 0;
        foreach (var item in inv.Items)
        {
            peer.AddKnownInventory(item.Hash);
            if (item.Type == InventoryType.Block)
            {
                blockCount++;
                lastBlock = item.Hash;
                if (Chain.HasBlock(item.Hash) || Sync.HasOrphanBlock(item.Hash))
                    continue;
                lock (_blocksInFlight)
                {
                    if (_blocksInFlight.TryGetValue(item.Hash, out var inFlight) && inFlight.Peer.IsConnected && now - inFlight.At < Config.BlockRequestTimeout)
                        continue;
                    _blocksInFlight[item.Hash] = (peer, now);
                }

                wanted.Add(item);
            }
            else if (item.Type == InventoryType.Tx && !Mempool.Contains(item.Hash) && !IsRecentlyRejected(item.Hash))
            {
                wanted.Add(item);
            }
        }

        if (wanted.Count > 0)
            peer.Send(new GetDataPayload(wanted));
        // A full batch means there is more: ask for the next one while this one downloads.
        if (blockCount == MaxBlocksPerInv && lastBlock is { } last)
            RequestBlocks(peer, last);
    }

    private void HandleGetData(Peer peer, GetDataPayload request)
    {
        var missing = new List<InventoryVector>();
        foreach (var item in request.Items)
        {
            switch (item.Type)
            {
                case InventoryType.Block when Chain.GetBlockBytes(item.Hash) is { } bytes:
                    peer.AddKnownInventory(item.Hash);
                    peer.SendRaw(Commands.Block, bytes);
                    break;
                case InventoryType.Tx when (Mempool.Get(item.Hash) ?? RecentlyAccepted(item.Hash)) is { } tx:
                    peer.AddKnownInventory(item.Hash);
                    peer.Send(new TxPayload(tx));
                    break;
                default:
                    missing.Add(item);
                    break;
            }

            if (!peer.IsConnected)
                return;
        }

        if (missing.Count > 0)
            peer.Send(new NotFoundPayload(missing));
    }

    private void HandleNotFound(Peer peer, NotFoundPayload notFound)
    {
        lock (_blocksInFlight)
            foreach (var item in notFound.Items)
                if (_blocksInFlight.TryGetValue(item.Hash, out var inFlight) && inFlight.Peer == peer)
                    _blocksInFlight.Remove(item.Hash);
    }

    /// <summary>
    /// Hands a received block to the writer and returns once it is queued, not once it is applied, so the peer's read
    /// loop decodes the next block while the writer validates this one (sync measured ~20% faster). The writer still
    /// applies blocks in arrival order; at most <see cref="MaxQueuedBlocksPerPeer"/> of a peer's blocks wait at once,
    /// beyond that the read loop waits (a flooding peer is held back as before).
    /// </summary>
    private async Task ReceiveBlockAsync(Peer peer, Block block, CancellationToken cancellationToken)
    {
        var slots = _queuedBlockSlots.GetOrAdd(peer, _ => new SemaphoreSlim(MaxQueuedBlocksPerPeer));
        await slots.WaitAsync(cancellationToken);
        // HandleBlockAsync queues the block before its first await, so blocks reach the writer in message order.
        _ = HandleAndReleaseAsync();

        async Task HandleAndReleaseAsync()
        {
            try
            {
                await HandleBlockAsync(peer, block);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                // The node is shutting down.
            }
            catch (Exception e)
            {
                _log.LogError(e, "Unexpected error handling block {Hash} from {Peer}", block.Hash, peer);
            }
            finally
            {
                slots.Release();
            }
        }
    }

    private async Task HandleBlockAsync(Peer peer, Block block)
    {
        var hash = block.Hash;
        peer.AddKnownInventory(hash);
        if (block.Height > peer.BestHeight)
            peer.BestHeight = block.Height;
        var outcome = await Sync.SubmitBlockAsync(block);
        bool stillWaiting;
        lock (_blocksInFlight)
        {
            _blocksInFlight.Remove(hash);
            stillWaiting = _blocksInFlight.Values.Any(v => v.Peer == peer);
        }

        if (outcome.IsInvalid)
        {
            Punish(peer, $"sent invalid block {hash}: {outcome.Error!.Code} {outcome.Error.Message}");
            return;
        }

        if (outcome.Status == BlockAddStatus.Orphan)
        {
            // Its ancestors are missing: ask this peer for what follows our best chain (at most once a second per peer,
            // so a stream of orphans does not become a stream of getblocks).
            var now = Config.Time.GetUtcNow();
            if (now - peer.LastOrphanRequestAt >= TimeSpan.FromSeconds(1))
            {
                peer.LastOrphanRequestAt = now;
                _log.LogInformation("Block {Hash} from {Peer} is an orphan; requesting its ancestors", hash, peer);
                RequestBlocks(peer, Hash256.Zero);
            }

            return;
        }

        if (outcome.Connected.Count > 0)
        {
            RelayBlocks(outcome.Connected, peer);
            var tip = Chain.Tip;
            if (peer.BestHeight > tip.Height || tip.Height % 100 == 0)
                _log.LogInformation("Sync progress: height {Height} / peer height {PeerHeight}", tip.Height, peer.BestHeight);
        }

        // Caught up with this batch but the peer is still ahead: ask for more.
        if (!stillWaiting && peer.BestHeight > Chain.Tip.Height)
            RequestBlocks(peer, Hash256.Zero);
    }

    /// <summary>Announces blocks to every ready peer that does not have them yet.</summary>
    public void RelayBlocks(IReadOnlyList<Block> blocks, Peer? source) =>
        Announce([.. blocks.Select(b => new InventoryVector(InventoryType.Block, b.Hash))], source);

    /// <summary>Sends each ready peer but <paramref name="source"/> an inv of the items it is not known to have (each item once per peer).</summary>
    private void Announce(IReadOnlyList<InventoryVector> items, Peer? source)
    {
        foreach (var peer in ReadyPeers)
        {
            if (peer == source)
                continue;
            var fresh = items.Where(item => peer.AddKnownInventory(item.Hash)).ToList();
            if (fresh.Count > 0)
                peer.Send(new InvPayload(fresh));
        }
    }

    /// <summary>
    /// Block requests that were not answered in <see cref="NodeConfig.BlockRequestTimeout"/> (a peer that announces blocks
    /// it never delivers, or a slow one) are asked of another peer that announced the block; with no such peer the
    /// request is forgotten, so the next announcement is followed again.
    /// </summary>
    private void RetryStalledBlockRequests(DateTimeOffset now)
    {
        var retries = new Dictionary<Peer, List<InventoryVector>>();
        lock (_blocksInFlight)
        {
            var stalled = _blocksInFlight.Where(e => now - e.Value.At > Config.BlockRequestTimeout).ToList();
            if (stalled.Count == 0)
                return;
            var ready = ReadyPeers.ToList();
            foreach (var (hash, (staller, _)) in stalled)
            {
                _blocksInFlight.Remove(hash);
                if (Chain.HasBlock(hash) || Sync.HasOrphanBlock(hash))
                    continue;
                var other = ready.Where(p => p != staller && p.KnowsInventory(hash)).OrderBy(_ => Random.Shared.Next()).FirstOrDefault();
                _log.LogInformation("Block {Hash} requested from {Peer} did not arrive in {Timeout}; {Next}", hash, staller,
                    Config.BlockRequestTimeout, other is null ? "no other peer announced it" : $"asking {other}");
                if (other is null)
                    continue;
                _blocksInFlight[hash] = (other, now);
                if (!retries.TryGetValue(other, out var items))
                    retries[other] = items = [];
                items.Add(new InventoryVector(InventoryType.Block, hash));
            }
        }

        foreach (var (peer, items) in retries)
            peer.Send(new GetDataPayload(items));
    }

    private void ForgetRequests(Peer peer)
    {
        _queuedBlockSlots.TryRemove(peer, out _);
        lock (_blocksInFlight)
            foreach (var hash in _blocksInFlight.Where(e => e.Value.Peer == peer).Select(e => e.Key).ToList())
                _blocksInFlight.Remove(hash);
    }
}
