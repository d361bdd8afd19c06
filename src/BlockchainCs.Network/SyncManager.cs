using System.Threading.Channels;
using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// SyncManager is the node's single writer (btcd's netsync): every block and transaction, from any peer or from the
/// miner, is queued here and applied by one task, in order, to the chain, the mempool and the orphan pools. Peers
/// never touch the store; they await the outcome.
/// </summary>
public sealed class SyncManager
{
    private readonly Channel<Func<Task>> _queue = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Blockchain _chain;
    private readonly Mempool _mempool;
    private readonly OrphanBlockPool _orphanBlocks;
    private readonly OrphanTransactionPool _orphanTransactions;
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    public SyncManager(Blockchain chain, Mempool mempool, TimeProvider time, ILogger log, int orphanBlockCapacity = 100)
    {
        _orphanBlocks = new OrphanBlockPool(orphanBlockCapacity);
        _chain = chain;
        _mempool = mempool;
        _time = time;
        _log = log;
        _orphanTransactions = new OrphanTransactionPool(time);
    }

    /// <summary>Raised on the writer after the best chain changed (the miner abandons its block).</summary>
    public event Action<BlockAddResult>? TipChanged;

    /// <summary>Raised on the writer after transactions entered the mempool.</summary>
    public event Action? MempoolChanged;

    public int OrphanBlockCount => _orphanBlocks.Count;

    public int OrphanBlockCapacity => _orphanBlocks.Capacity;

    public int OrphanTransactionCount => _orphanTransactions.Count;

    public int OrphanTransactionCapacity => _orphanTransactions.Capacity;

    public bool HasOrphanTransaction(Hash256 txId) => _orphanTransactions.Contains(txId);

    public bool HasOrphanBlock(Hash256 hash) => _orphanBlocks.Contains(hash);

    /// <summary>Runs the writer until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var work in _queue.Reader.ReadAllAsync(cancellationToken))
                await work();
        }
        catch (OperationCanceledException)
        {
            // Shutting down: whatever was applied is committed; the rest was never started.
        }
    }

    public Task<BlockOutcome> SubmitBlockAsync(Block block) => Enqueue(() => ProcessBlock(block));

    public Task<TxOutcome> SubmitTransactionAsync(Transaction tx) => Enqueue(() => ProcessTransaction(tx));

    private Task<T> Enqueue<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queued = _queue.Writer.TryWrite(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }

            return Task.CompletedTask;
        });
        if (!queued)
            completion.SetCanceled();
        return completion.Task;
    }

    private BlockOutcome ProcessBlock(Block block)
    {
        BlockAddResult result;
        try
        {
            result = _chain.AddBlock(block);
        }
        catch (RuleException e)
        {
            _log.LogWarning("Rejected block {Hash}: {Code} {Reason}", block.Hash, e.Code, e.Message);
            return BlockOutcome.Invalid(e);
        }

        if (result.Status == BlockAddStatus.Orphan)
        {
            _orphanBlocks.Add(block);
            return new BlockOutcome(BlockAddStatus.Orphan, [], null);
        }

        var connected = new List<Block>();
        Apply(result, connected);
        // Orphans waiting for this block (and their children) can now be added.
        var parents = new Queue<Hash256>([block.Hash]);
        while (parents.TryDequeue(out var parent))
        {
            foreach (var child in _orphanBlocks.TakeChildren(parent))
            {
                try
                {
                    Apply(_chain.AddBlock(child), connected);
                    parents.Enqueue(child.Hash);
                }
                catch (RuleException e)
                {
                    _log.LogWarning("Rejected orphan block {Hash}: {Code} {Reason}", child.Hash, e.Code, e.Message);
                }
            }
        }

        ReexamineOrphanTransactions(connected);
        return new BlockOutcome(result.Status, connected, null);
    }

    /// <summary>Orphan transactions whose parent was confirmed in a block (never seen loose) may be valid now.</summary>
    private void ReexamineOrphanTransactions(List<Block> connected)
    {
        if (connected.Count == 0 || _orphanTransactions.Count == 0)
            return;
        var freed = false;
        foreach (var tx in connected.SelectMany(b => b.Transactions))
        {
            foreach (var child in _orphanTransactions.TakeChildren(tx.Id))
            {
                try
                {
                    freed |= _mempool.TryAdd(child, _time.GetUtcNow());
                }
                catch (RuleException e)
                {
                    _log.LogInformation("Dropped orphan transaction {TxId}: {Code}", child.Id, e.Code);
                }
            }
        }

        if (freed)
            MempoolChanged?.Invoke();
    }

    private void Apply(BlockAddResult result, List<Block> connected)
    {
        if (!result.ChangedTip)
            return;
        connected.AddRange(result.Connected);
        _mempool.OnChainChanged(result, _time.GetUtcNow());
        TipChanged?.Invoke(result);
    }

    private TxOutcome ProcessTransaction(Transaction tx)
    {
        if (_mempool.Contains(tx.Id) || _orphanTransactions.Contains(tx.Id))
            return TxOutcome.Duplicate;
        try
        {
            _mempool.TryAdd(tx, _time.GetUtcNow());
        }
        catch (RuleException e) when (e.Code == RuleErrorCode.MissingInput && !tx.Inputs.Any(i => IsConfirmedSpent(i.PrevOut))
            && tx.Inputs.Any(i => !_mempool.Contains(i.PrevOut.TxId) && _chain.Utxo.Get(i.PrevOut) is null))
        {
            _orphanTransactions.Add(tx);
            _log.LogInformation("Transaction {TxId} is an orphan (unknown inputs); kept until its parent arrives", tx.Id);
            return TxOutcome.Orphan;
        }
        catch (RuleException e)
        {
            _log.LogInformation("Rejected transaction {TxId}: {Code} {Reason}", tx.Id, e.Code, e.Message);
            return TxOutcome.Rejected(e);
        }

        var accepted = new List<Transaction> { tx };
        // Orphans that spent this transaction's outputs may now be valid.
        for (var i = 0; i < accepted.Count; i++)
        {
            foreach (var child in _orphanTransactions.TakeChildren(accepted[i].Id))
            {
                try
                {
                    if (_mempool.TryAdd(child, _time.GetUtcNow()))
                        accepted.Add(child);
                }
                catch (RuleException e)
                {
                    _log.LogInformation("Dropped orphan transaction {TxId}: {Code}", child.Id, e.Code);
                }
            }
        }

        MempoolChanged?.Invoke();
        return new TxOutcome(accepted, false, false, null);
    }

    /// <summary>An input whose transaction is in the chain but not in the UTXO set was spent already: a double spend, not an orphan.</summary>
    private bool IsConfirmedSpent(OutPoint outPoint) => _chain.Utxo.Get(outPoint) is null && _chain.HasTransaction(outPoint.TxId);
}
