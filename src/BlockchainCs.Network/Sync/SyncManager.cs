using System.Threading.Channels;
using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// SyncManager is the node's single writer and the owner of sync state (btcd's netsync): blocks and transactions from
/// every peer and from the miner, announcements (inv), notfound and the stall timer are queued here and handled by one
/// task, in order. Only it writes the chain, the mempool, the orphan pools and the table of blocks in flight, so none
/// of those needs a lock. Peers' read loops await their turn, which holds a flooding peer back; received blocks are
/// queued without waiting while the peer's (and everyone's) queued bytes stay within budget, so the next block is
/// decoded while this one is validated.
/// </summary>
public sealed partial class SyncManager
{
    /// <summary>Block hashes in one inv answering getblocks (the tutorial's and Bitcoin's 500).</summary>
    public const int MaxBlocksPerInv = 500;

    /// <summary>Bytes of received blocks one peer may have waiting for the writer before its read loop waits.</summary>
    public const long MaxQueuedBlockBytesPerPeer = 8 * 1024 * 1024;

    /// <summary>Bytes of received blocks all peers together may have waiting.</summary>
    public const long MaxQueuedBlockBytes = 64 * 1024 * 1024;

    private readonly Channel<Func<ValueTask>> _queue = Channel.CreateUnbounded<Func<ValueTask>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Blockchain _chain;
    private readonly Mempool _mempool;
    private readonly NodeConfig _config;
    private readonly Announcer _announcer;
    private readonly PeerDiscipline _discipline;
    private readonly ILogger _log;
    private readonly OrphanBlockPool _orphanBlocks;
    private readonly OrphanTransactionPool _orphanTransactions;
    private readonly BlockRequests _requests;
    private readonly Dictionary<Peer, DateTimeOffset> _lastAncestorRequest = [];
    private readonly SyncProgress _progress;
    private SyncState _state = SyncState.Empty;
    private long _queuedBlockBytes;

    public SyncManager(Blockchain chain, Mempool mempool, NodeConfig config, Announcer announcer, PeerDiscipline discipline, ILogger log)
    {
        _chain = chain;
        _mempool = mempool;
        _config = config;
        _announcer = announcer;
        _discipline = discipline;
        _log = log;
        _orphanBlocks = new OrphanBlockPool(config.OrphanBlockBytes, config.OrphanBlockCapacity);
        _orphanTransactions = new OrphanTransactionPool(config.Time, config.OrphanTransactionCapacity, config.OrphanTransactionBytes);
        _requests = new BlockRequests(config.BlockRequestTimeout);
        _progress = new SyncProgress(config.Time, log);
    }

    /// <summary>Raised on the writer after the best chain changed (the miner abandons its block).</summary>
    public event Action<BlockAddResult>? TipChanged;

    /// <summary>Raised on the writer after transactions entered the mempool.</summary>
    public event Action? MempoolChanged;

    /// <summary>Raised on the writer with the transactions just accepted into the mempool (freed orphans too).</summary>
    public event Action<IReadOnlyList<Transaction>>? TransactionsAccepted;

    /// <summary>Transactions refused lately (by id, or by full hash when the refusal depends on signatures).</summary>
    public RejectCache Rejects { get; } = new();

    /// <summary>Transactions accepted lately, still served to getdata after a block confirmed them.</summary>
    public RecentTransactions Recent { get; } = new();

    /// <summary>The pools and requests as of the writer's last step.</summary>
    public SyncState State => Volatile.Read(ref _state);

    /// <summary>Runs the writer until cancelled. One failing step is logged and the writer goes on.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var work in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await work();
                }
                catch (Exception e)
                {
                    _log.LogError(e, "The single writer failed on one step and goes on");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: whatever was applied is committed; the rest was never started.
        }
    }

    /// <summary>A peer finished its handshake: if it is ahead, sync from it (the tutorial's version exchange).</summary>
    public Task PeerReadyAsync(Peer peer) => Enqueue(() =>
    {
        if (peer.Stats.BestHeight > _chain.Tip.Height)
            RequestBlocks(peer, Hash256.Zero);
        return true;
    });

    /// <summary>A peer left: its requests go to others when they time out; its queued blocks are still applied.</summary>
    public void PeerClosed(Peer peer) => _ = Enqueue(() =>
    {
        _requests.RemoveAll(peer);
        _lastAncestorRequest.Remove(peer);
        return true;
    });

    public Task HandleInvAsync(Peer peer, InvPayload inv) => Enqueue(() => ProcessInv(peer, inv));

    public Task HandleNotFoundAsync(Peer peer, NotFoundPayload notFound) => Enqueue(() =>
    {
        foreach (var item in notFound.Items.Where(i => i.Type == InventoryType.Block))
            if (_requests.IsRequested(item.Hash) && _requests.Remove(item.Hash) is { } asked && asked != peer)
                _requests.TryAdd(item.Hash, asked, _config.Time.GetUtcNow());
        return true;
    });

    /// <summary>
    /// A block from a peer. Returns once it is queued while the peer's and everyone's queued bytes stay within budget;
    /// beyond that, once it is applied (the peer's read loop waits).
    /// </summary>
    public async Task ReceiveBlockAsync(Peer peer, Block block, int size)
    {
        peer.Stats.AddQueuedBlockBytes(size);
        Interlocked.Add(ref _queuedBlockBytes, size);
        var applied = Enqueue(() =>
        {
            try
            {
                return ProcessBlock(block, size, peer);
            }
            finally
            {
                peer.Stats.AddQueuedBlockBytes(-size);
                Interlocked.Add(ref _queuedBlockBytes, -size);
            }
        });
        if (peer.Stats.QueuedBlockBytes > MaxQueuedBlockBytesPerPeer || Interlocked.Read(ref _queuedBlockBytes) > MaxQueuedBlockBytes)
            await applied;
    }

    /// <summary>A block of our own (the miner's, a test's), applied like any other.</summary>
    public Task<BlockOutcome> SubmitBlockAsync(Block block) => Enqueue(() => ProcessBlock(block, block.ToBytes().Length, source: null));

    /// <summary>A transaction from a peer, or of our own (<paramref name="source"/> null).</summary>
    public Task<TxOutcome> SubmitTransactionAsync(Transaction tx, Peer? source = null) => Enqueue(() => ProcessTransaction(tx, source));

    /// <summary>The periodic step: block requests unanswered for too long go to another peer that announced them.</summary>
    public Task TickAsync(DateTimeOffset now) => Enqueue(() =>
    {
        RetryOverdueRequests(now);
        RetryStorageIfDue(now);
        return true;
    });

    private Task<T> Enqueue<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queued = _queue.Writer.TryWrite(() =>
        {
            try
            {
                var result = work();
                PublishState();
                completion.SetResult(result);
            }
            catch (Exception e)
            {
                PublishState();
                completion.SetException(e);
            }

            return ValueTask.CompletedTask;
        });
        if (!queued)
            completion.SetCanceled();
        return completion.Task;
    }

    private void PublishState() => Volatile.Write(ref _state, new SyncState(_orphanBlocks.Count, _orphanBlocks.Bytes,
        _orphanTransactions.Count, _orphanTransactions.Bytes, _requests.Count));

    /// <summary>Asks a peer for the block hashes after our best chain (or after <paramref name="from"/> when pipelining).</summary>
    private void RequestBlocks(Peer peer, Hash256 from)
    {
        var locator = _chain.BlockLocator();
        if (!from.IsZero)
            locator.Insert(0, from);
        if (locator.Count > GetBlocksPayload.MaxLocatorHashes)
            locator.RemoveRange(GetBlocksPayload.MaxLocatorHashes - 1, locator.Count - GetBlocksPayload.MaxLocatorHashes);
        peer.Send(new GetBlocksPayload(VersionPayload.CurrentProtocolVersion, locator, Hash256.Zero));
    }

    private void RetryOverdueRequests(DateTimeOffset now)
    {
        var retries = new Dictionary<Peer, List<InventoryVector>>();
        var ready = _announcer.ReadyPeers().ToList();
        foreach (var (hash, staller) in _requests.Overdue(now))
        {
            _requests.Remove(hash);
            if (_chain.HasBlock(hash) || _orphanBlocks.Contains(hash))
                continue;
            var others = ready.Where(p => p != staller && p.Known.Contains(hash) && _requests.CountFor(p) < BlockRequests.MaxPerPeer).ToList();
            var other = others.Count == 0 ? null : others[_config.Random.Next(others.Count)];
            _log.LogInformation("Block {Hash} requested from {Peer} did not arrive in {Timeout}; {Next}", hash, staller,
                _requests.Timeout, other is null ? "no other peer announced it" : $"asking {other}");
            if (other is null || !_requests.TryAdd(hash, other, now))
                continue;
            if (!retries.TryGetValue(other, out var items))
                retries[other] = items = [];
            items.Add(new InventoryVector(InventoryType.Block, hash));
        }

        foreach (var (peer, items) in retries)
            peer.Send(new GetDataPayload(items));
    }
}
