using System.Diagnostics;
using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Mining;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network;

namespace BlockchainCs.Benchmarks.Ratios;

/// <summary>
/// mempool: transactions per second into a full pool (each one evicts a cheaper package or is refused for its fee,
/// before its signatures are checked), and into a pool with room (every one accepted), each against the reference:
/// validating the same transactions on the same chain (inputs, owner, amounts, signatures) with no pool at all. The
/// second ratio is what the pool's bookkeeping (packages, eviction order, indexes) adds to an accepted transaction.
/// </summary>
internal static class MempoolBench
{
    private const int PoolSize = 1_000;
    private const int Arrivals = 5_000;
    private const int CoinValue = 3;

    public static string Run(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "mempool.db");
        var owner = Wallet.Generate();
        var payments = Generate(path, owner, PoolSize + Arrivals);

        // Each side on its own chain handle: separate signature caches, so neither warms the other's.
        using var poolChain = Blockchain.Open(path, options: StoreOptions.Reading, verifier: new SignatureVerifier(Secp256k1.Default, new SignatureCache()));
        using var referenceChain = Blockchain.Open(path, options: StoreOptions.Reading, verifier: new SignatureVerifier(Secp256k1.Default, new SignatureCache()));
        using var roomyChain = Blockchain.Open(path, options: StoreOptions.Reading, verifier: new SignatureVerifier(Secp256k1.Default, new SignatureCache()));
        var budget = payments.Take(PoolSize).Sum(t => MempoolEntry.EstimateUsage(t, t.Size));
        var pool = new Mempool(poolChain, new MempoolPolicy { MaxBytes = budget });
        var now = DateTimeOffset.UtcNow;
        foreach (var tx in payments.Take(PoolSize))
            pool.TryAdd(tx, now);

        var arrivals = payments.Skip(PoolSize).ToList();
        int accepted = 0, refused = 0;
        var poolTime = Stopwatch.StartNew();
        foreach (var tx in arrivals)
        {
            try
            {
                pool.TryAdd(tx, now);
                accepted++;
            }
            catch (PolicyException)
            {
                refused++;
            }
        }

        poolTime.Stop();
        var referenceTime = Stopwatch.StartNew();
        foreach (var tx in arrivals)
            referenceChain.CheckTransaction(tx);
        referenceTime.Stop();

        var roomy = new Mempool(roomyChain);
        var roomyTime = Stopwatch.StartNew();
        foreach (var tx in arrivals)
            roomy.TryAdd(tx, now);
        roomyTime.Stop();

        var fullRatio = poolTime.Elapsed / referenceTime.Elapsed;
        var roomyRatio = roomyTime.Elapsed / referenceTime.Elapsed;
        return $"mempool: {arrivals.Count:N0} transactions into a full pool of {pool.Count:N0} ({accepted:N0} accepted, {pool.Evicted:N0} evicted, {refused:N0} refused for their fee; " +
            $"minimum now {pool.MinFee(now)}) at {RatioBench.Rate(arrivals.Count / poolTime.Elapsed.TotalSeconds, " tx/s")}, into a pool with room " +
            $"{RatioBench.Rate(arrivals.Count / roomyTime.Elapsed.TotalSeconds, " tx/s")}; validating them alone {RatioBench.Rate(arrivals.Count / referenceTime.Elapsed.TotalSeconds, " tx/s")} " +
            $"= {RatioBench.Ratio(fullRatio)} (full) and {RatioBench.Ratio(roomyRatio)} (with room) in time — {RatioBench.Verdict("≤ 1.5 with room", roomyRatio <= 1.5)}";
    }

    /// <summary>
    /// A chain whose coinbases were split into coins of 3 owned by <paramref name="owner"/>, and one payment per coin
    /// leaving a fee of 0, 1 or 2 (and, one in four, a second output, so sizes differ too).
    /// </summary>
    private static List<Transaction> Generate(string path, Wallet owner, int count)
    {
        const int targetBits = 8;
        var coinsPerBlock = (int)(ChainParameters.Subsidy / CoinValue);
        var blocks = (count / coinsPerBlock) + 1;
        RatioBench.Progress($"mempool: generating {blocks:N0} blocks of coins for {count:N0} payments");
        Blockchain.Create(path, owner.PubKeyHash, new ChainParameters { TargetBits = targetBits }, Mine).Dispose();
        using var chain = Blockchain.Open(path);
        var coinbases = new List<Transaction>();
        for (var i = 0; i < blocks; i++)
        {
            var block = Mine(chain.BuildCandidate([], owner.PubKeyHash, 0));
            chain.AddBlock(block);
            coinbases.Add(block.Transactions[0]);
        }

        var splits = coinbases.Select(cb => Sign(owner, [(new OutPoint(cb.Id, 0), cb.Outputs[0])],
            [.. Enumerable.Repeat(new TxOutput(CoinValue, owner.PubKeyHash), coinsPerBlock)])).ToList();
        var splitBlock = Mine(chain.BuildCandidate(splits, owner.PubKeyHash, splits.Sum(s => ChainParameters.Subsidy - (CoinValue * coinsPerBlock))));
        if (chain.AddBlock(splitBlock).Status != BlockAddStatus.Connected)
            throw new InvalidOperationException("the block of split coins was not connected");

        var random = new Random(133);
        var stranger = Wallet.Generate().PubKeyHash;
        return [.. splits.SelectMany(s => Enumerable.Range(0, coinsPerBlock).Select(i => (new OutPoint(s.Id, (uint)i), s.Outputs[i]))).Take(count)
            .Select(coin =>
            {
                var fee = random.Next(3);
                List<TxOutput> outputs = fee == 0 && random.Next(4) == 0
                    ? [new TxOutput(1, stranger), new TxOutput(CoinValue - 1, owner.PubKeyHash)]
                    : [new TxOutput(CoinValue - fee, stranger)];
                return Sign(owner, [coin], outputs);
            })];
    }

    private static Transaction Sign(Wallet owner, IReadOnlyList<(OutPoint OutPoint, TxOutput Output)> coins, List<TxOutput> outputs) =>
        TransactionBuilder.Sign(new Transaction([.. coins.Select(c => new TxInput(c.OutPoint, [], owner.PublicKey))], outputs), owner.PrivateKey, [.. coins.Select(c => c.Output)]);

    private static Block Mine(Block candidate) =>
        new Miner(1).Mine(candidate) ?? throw new InvalidOperationException("mining stopped");
}
