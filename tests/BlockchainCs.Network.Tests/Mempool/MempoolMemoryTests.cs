using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Mempool;

/// <summary>
/// --max-mempool bounds the pool's estimated memory (<see cref="MempoolEntry.EstimateUsage"/>): the estimate must not
/// be below what the transactions and the pool's indexes really hold, nor far above it. Measured on the whole process,
/// so it runs alone.
/// </summary>
[Collection(Serial.Name)]
public sealed class MempoolMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EstimatedUsage_CoversWhatThePoolHolds_WithinHalfAgain()
    {
        await using var net = new TestNetwork(output);
        var path = Path.Combine(net.Directory, "memory.db");
        File.Copy(net.GenesisPath, path);
        // A signature cache of one entry: the cache is the node's memory, not the pool's.
        using var chain = Blockchain.Open(path, verifier: new SignatureVerifier(Secp256k1.Default, new SignatureCache(1)));
        var alice = net.Alice;
        var coinbases = TestNetwork.AddBlocks(chain, 200, alice.PubKeyHash).Select(b => b.Transactions[0]).ToList();
        var splits = coinbases.Select(cb => Payments.Pay(alice, [Payments.CoinOf(cb, 0)], [.. Enumerable.Repeat((alice.PubKeyHash, 2L), 5)])).ToList();
        TestNetwork.AddBlock(chain, splits, alice.PubKeyHash);
        var coins = splits.SelectMany(s => Enumerable.Range(0, 5).Select(i => Payments.CoinOf(s, i))).ToList();
        var bob = Wallet.Generate().PubKeyHash;
        var pool = new Network.Mempool(chain);
        var now = DateTimeOffset.UtcNow;
        var before = GC.GetTotalMemory(forceFullCollection: true);

        // Transactions made here and then held only by the pool: as when they arrive from peers. Half with change.
        for (var i = 0; i < coins.Count; i++)
            pool.TryAdd(i % 2 == 0 ? Payments.Pay(alice, [coins[i]], (bob, 2)) : Payments.Pay(alice, [coins[i]], (bob, 1), (alice.PubKeyHash, 1)), now);

        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        var estimated = pool.Usage;
        output.WriteLine($"{pool.Count:N0} transactions ({pool.Bytes:N0} bytes serialized): {held:N0} bytes held, {estimated:N0} estimated ({(double)estimated / held:F2}×)");
        Assert.Equal(coins.Count, pool.Count);
        Assert.InRange(estimated, held, held * 3 / 2);
        GC.KeepAlive(pool);
    }
}
