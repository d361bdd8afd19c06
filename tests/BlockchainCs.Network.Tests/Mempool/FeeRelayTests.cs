using System.Net;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Mempool;

/// <summary>
/// Fees on the wire: a fee below a node's floor is a refusal the sender hears (reject 0x42), never a punishment;
/// BIP 133 feefilter both ways; a miner with a small block takes the best fee rate and logs the fees.
/// </summary>
public sealed class FeeRelayTests(ITestOutputHelper output)
{
    private static Transaction PayWithFee(TestNetwork net, Coin coin, long fee) =>
        Payments.Pay(net.Alice, [coin], (Wallet.Generate().PubKeyHash, coin.Output.Value - fee));

    private static List<Coin> Coins(TestNetwork net, Core.Chain.Blockchain chain, int blocks) =>
        [Payments.GenesisCoin(chain), .. TestNetwork.AddBlocks(chain, blocks, net.Alice.PubKeyHash).Select(b => Payments.CoinOf(b.Transactions[0], 0))];

    [Fact]
    public async Task LowFee_RefusedWithAReject_SenderNeitherScoredNorDisconnected()
    {
        await using var net = new TestNetwork(output);
        List<Coin> coins = [];
        var node = net.Start(c => c with { Mempool = new MempoolPolicy { MinRelayFee = new FeeRate(10) } }, chain => coins = Coins(net, chain, 1));
        var peer = await net.ConnectAsync(node, IPAddress.Parse("127.0.0.2"), bestHeight: 1);
        var cheap = PayWithFee(net, coins[0], 1);   // about 4 coins/kB
        var enough = PayWithFee(net, coins[1], 3);  // about 12 coins/kB

        await peer.SendAsync(new TxPayload(cheap));
        await peer.SendAsync(new TxPayload(enough));

        var reject = await peer.ExpectAsync<RejectPayload>();
        output.WriteLine($"refused: {reject.Reason}");
        Assert.Equal((RejectCode.InsufficientFee, cheap.Id), (reject.Code, reject.Hash));
        Assert.Contains("min relay fee not met", reject.Reason, StringComparison.Ordinal);
        await Refusals.AssertNotPunishedAsync(node, peer, cheap);
        Assert.True(node.Mempool.Contains(enough.Id));
    }

    [Fact]
    public async Task PeerSentFeeFilter_HearsOnlyOfTransactionsPayingItsRate_APeerWithoutOneHearsOfBoth()
    {
        await using var net = new TestNetwork(output);
        List<Coin> coins = [];
        var node = net.Start(prepare: chain => coins = Coins(net, chain, 1));
        var filtered = await net.ConnectAsync(node, bestHeight: 1);
        var plain = await net.ConnectAsync(node, bestHeight: 1);
        await filtered.SendAsync(new FeeFilterPayload(10));
        await filtered.SyncAsync();
        var cheap = PayWithFee(net, coins[0], 1);
        var rich = PayWithFee(net, coins[1], 3);

        Assert.True((await node.SubmitTransactionAsync(cheap)).Accepted.Count == 1);
        Assert.True((await node.SubmitTransactionAsync(rich)).Accepted.Count == 1);

        await filtered.ExpectAsync<InvPayload>(inv => inv.Items.Any(i => i.Hash == rich.Id));
        await plain.ExpectAsync<InvPayload>(inv => inv.Items.Any(i => i.Hash == cheap.Id));
        await filtered.SyncAsync();
        Assert.DoesNotContain(filtered.Received.OfType<InvPayload>().SelectMany(i => i.Items), i => i.Hash == cheap.Id);
        // Asking for the whole mempool goes through the same filter.
        await filtered.SendAsync(new MempoolPayload());
        await filtered.SyncAsync();
        Assert.DoesNotContain(filtered.Received.OfType<InvPayload>().SelectMany(i => i.Items), i => i.Hash == cheap.Id);
    }

    [Fact]
    public async Task NodeWithAFloor_TellsEachPeerItsMinimum_NodeWithoutOneSendsNoFeeFilter()
    {
        await using var net = new TestNetwork(output);
        var strict = net.Start(c => c with { Mempool = new MempoolPolicy { MinRelayFee = new FeeRate(5) } });
        var lenient = net.Start();

        var toStrict = await net.ConnectAsync(strict);
        var toLenient = await net.ConnectAsync(lenient);

        // Sent right after the handshake (the handshake itself may have read it): look at everything received.
        await Wait.UntilAsync(() => toStrict.Received.OfType<FeeFilterPayload>().Any(), "the node's feefilter");
        Assert.Equal([5L], toStrict.Received.OfType<FeeFilterPayload>().Select(f => f.FeeRate));
        await toLenient.SyncAsync();
        Assert.Empty(toLenient.Received.OfType<FeeFilterPayload>());
    }

    [Fact]
    public async Task PoolFills_RaisedMinimumIsSentToPeers()
    {
        await using var net = new TestNetwork(output);
        List<Coin> coins = [];
        List<Transaction> payments = [];
        var node = net.Start(c => c with
        {
            Mempool = new MempoolPolicy { MaxBytes = payments.Take(2).Sum(t => MempoolEntry.EstimateUsage(t, t.Size)) + 100 },
            FeeFilterInterval = TimeSpan.FromMilliseconds(50),
        }, chain =>
        {
            coins = Coins(net, chain, 2);
            payments = [.. coins.Select((coin, i) => PayWithFee(net, coin, i + 1))];
        });
        var peer = await net.ConnectAsync(node, bestHeight: 2);

        foreach (var tx in payments)
            await node.SubmitTransactionAsync(tx);

        var filter = await peer.ExpectAsync<FeeFilterPayload>();
        output.WriteLine($"the full pool's minimum: {filter.FeeRate} coins/kB; evicted {node.Mempool.Evicted}");
        Assert.Equal(node.Mempool.MinFee(node.Time.GetUtcNow()).PerKb, filter.FeeRate);
        Assert.True(filter.FeeRate > 0);
    }

    [Fact]
    public async Task Miner_SmallBlock_TakesTheHighestFeeRateFirst_AndLogsTheFees()
    {
        await using var net = new TestNetwork(output);
        var minerWallet = Wallet.Generate();
        List<Coin> coins = [];
        Transaction? modest = null, generous = null;
        var maxBlockBytes = 0;
        // Room for the header, the coinbase and one payment: two compete for it.
        var node = net.Start(c => c with { MinerPubKeyHash = minerWallet.PubKeyHash, MineMinTransactions = 2, MaxBlockBytes = maxBlockBytes },
            chain =>
            {
                coins = Coins(net, chain, 1);
                modest = PayWithFee(net, coins[0], 1);
                generous = PayWithFee(net, coins[1], 4);
                maxBlockBytes = Block.HeaderSize + 9 + Transaction.CreateCoinbase(minerWallet.PubKeyHash, 100, 2).Size + generous.Size + 20;
            });

        await node.SubmitTransactionAsync(modest!);
        await node.SubmitTransactionAsync(generous!);

        await Wait.UntilAsync(() => node.Chain.Tip.Height == 2, "the miner to mine a block");
        var block = node.Chain.GetBlock(node.Chain.Tip.Hash)!;
        Assert.Equal([generous!.Id], block.Transactions.Skip(1).Select(t => t.Id));
        Assert.Equal(ChainParameters.Subsidy + 4, block.Transactions[0].TotalOutput);
        Assert.True(block.ToBytes().Length <= maxBlockBytes, $"{block.ToBytes().Length} bytes > {maxBlockBytes}");
        Assert.True(node.Mempool.Contains(modest!.Id), "the cheaper one waits for the next block");
        Assert.True(net.Logs(node).Contains("fees 4 coin(s)"), "the miner logs the fees it collects");
    }
}
