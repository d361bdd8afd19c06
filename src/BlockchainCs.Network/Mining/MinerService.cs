using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Mining;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// MinerService is the miner role (-miner ADDR): when the mempool holds enough transactions it builds a block on the
/// tip and searches a nonce on all cores; a new tip (a competing block arrived) cancels the search at once and the
/// next round starts on the new tip. Found blocks go through the single writer like any other block, which
/// stores and announces them.
/// </summary>
public sealed class MinerService
{
    private readonly Blockchain _chain;
    private readonly Mempool _mempool;
    private readonly SyncManager _sync;
    private readonly Miner _miner;
    private readonly byte[] _pubKeyHash;
    private readonly int _minTransactions;
    private readonly int _maxBlockBytes;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _wake = new(0);
    private CancellationTokenSource? _current;

    public MinerService(Blockchain chain, Mempool mempool, SyncManager sync, byte[] pubKeyHash, int minTransactions, int threads, ILogger log,
        int maxBlockBytes = 1_000_000)
    {
        _chain = chain;
        _mempool = mempool;
        _sync = sync;
        _pubKeyHash = pubKeyHash;
        _minTransactions = Math.Max(1, minTransactions);
        _maxBlockBytes = maxBlockBytes;
        _miner = new Miner(threads);
        _log = log;
        sync.MempoolChanged += Wake;
        sync.TipChanged += _ =>
        {
            Interlocked.Exchange(ref _current, null)?.Cancel();
            Wake();
        };
    }

    public int BlocksMined { get; private set; }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
            _wake.Release();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Wake();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await _wake.WaitAsync(cancellationToken);
                // A full disk pauses mining too: a block that cannot be stored would be thrown away.
                await _sync.WhenStorageAvailable.WaitAsync(cancellationToken);
                if (_mempool.Count < _minTransactions)
                    continue;
                await MineOneAsync(cancellationToken);
                Wake();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task MineOneAsync(CancellationToken cancellationToken)
    {
        // The block's header, transaction count and coinbase come first; the best fee rates fill the rest. A small block may
        // hold fewer than the transactions that woke the miner: it mines what fits, the rest waits for the next block.
        var coinbaseSize = Core.Primitives.Transaction.CreateCoinbase(_pubKeyHash, long.MaxValue, _chain.Tip.Height + 1).Size;
        var (transactions, fees) = _mempool.SelectForBlock(_maxBlockBytes - Core.Primitives.Block.HeaderSize - 9 - coinbaseSize);
        if (transactions.Count == 0)
            return;
        var candidate = _chain.BuildCandidate(transactions, _pubKeyHash, fees);
        using var round = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Interlocked.Exchange(ref _current, round);
        // The tip may have moved between building and publishing the round's token.
        if (_chain.Tip.Hash != candidate.PrevHash)
            return;
        _log.LogInformation("Mining a block with {Count} transaction(s) at height {Height}: {Bytes} bytes, fees {Fees} coin(s) ({Rate})",
            transactions.Count, candidate.Height, candidate.ToBytes().Length, fees, Core.Primitives.FeeRate.Describe(fees, transactions.Sum(t => (long)t.Size)));
        var block = await Task.Run(() => _miner.Mine(candidate, round.Token), CancellationToken.None);
        Interlocked.CompareExchange(ref _current, null, round);
        if (block is null)
        {
            if (!cancellationToken.IsCancellationRequested)
                _log.LogInformation("Abandoned the block in progress: a competing block arrived");
            return;
        }

        var outcome = await _sync.SubmitBlockAsync(block);
        if (outcome.Deferral is { } reason)
        {
            _log.LogError("The mined block {Hash} could not be stored ({Reason}); mining waits for disk space", block.Hash, reason);
            return;
        }

        if (outcome.IsInvalid)
        {
            _log.LogError("The mined block {Hash} was refused: {Reason}", block.Hash, outcome.Error!.Message);
            return;
        }

        BlocksMined++;
        // The single writer announced it to every peer when it connected.
        _log.LogInformation("New block is mined! {Hash} at height {Height}", block.Hash, block.Height);
    }
}
