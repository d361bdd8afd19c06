using System.Diagnostics;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Client;

/// <summary>`send` without -mine: hand a transaction to a node as a light client and learn whether its mempool took it.</summary>
public sealed class TransactionSubmitterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SubmitTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task SubmitAsync_ValidTransaction_EntersTheMempoolAndIsRelayedToPeers()
    {
        await using var net = new TestNetwork(output);
        var a = net.StartNode(net.CreateChain("a"));
        var b = net.StartNode(net.CreateChain("b"), a.ListenAddress);
        await TestNetwork.WaitConnectedAsync(a, b);
        var bob = Wallet.Generate();
        var tx = Payments.Pay(net.Alice, [Payments.GenesisCoin(a.Chain)], (bob.PubKeyHash, 4), (net.Alice.PubKeyHash, 5));

        await Network.TransactionSubmitter.SubmitAsync(tx, [a.ListenAddress], net.GenesisHash, SubmitTimeout, CancellationToken.None);

        Assert.True(a.Mempool.Contains(tx.Id), "SubmitAsync returned before the node had the transaction");
        await Wait.UntilAsync(() => b.Mempool.Contains(tx.Id), "the transaction to be relayed to b");
        Assert.Equal(1, a.Mempool.Count);
        Assert.Equal(1, b.Mempool.Count);
    }

    [Fact]
    public async Task SubmitAsync_NothingListens_ThrowsSubmitExceptionQuickly()
    {
        await using var net = new TestNetwork(output);
        var closedPort = Ports.Free();
        var chain = net.CreateChain();
        var tx = Payments.Pay(net.Alice, [Payments.GenesisCoin(chain)], (Wallet.Generate().PubKeyHash, 10));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<SubmitException>(() => Network.TransactionSubmitter.SubmitAsync(
            tx, [new PeerAddress("127.0.0.1", closedPort)], net.GenesisHash, SubmitTimeout, CancellationToken.None));

        Assert.Contains("cannot reach any node", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task SubmitAsync_SpendsSomeoneElsesOutput_ThrowsWithTheReasonAndLeavesTheMempoolEmpty()
    {
        await using var net = new TestNetwork(output);
        var a = net.StartNode(net.CreateChain("a"));
        var mallory = Wallet.Generate();
        var stolen = Payments.Steal(mallory, [Payments.GenesisCoin(a.Chain)], (mallory.PubKeyHash, 10));

        var error = await Assert.ThrowsAsync<SubmitException>(() => Network.TransactionSubmitter.SubmitAsync(
            stolen, [a.ListenAddress], net.GenesisHash, SubmitTimeout, CancellationToken.None));

        Assert.Contains("rejected the transaction", error.Message, StringComparison.Ordinal);
        Assert.Contains("WrongOwner", error.Message, StringComparison.Ordinal);
        Assert.False(a.Mempool.Contains(stolen.Id));
        Assert.Equal(0, a.Mempool.Count);
    }

    [Fact]
    public async Task SubmitAsync_DoubleSpendOfAMempoolTransaction_ThrowsAndTheMempoolKeepsTheFirst()
    {
        await using var net = new TestNetwork(output);
        var a = net.StartNode(net.CreateChain("a"));
        var coin = Payments.GenesisCoin(a.Chain);
        var first = Payments.Pay(net.Alice, [coin], (Wallet.Generate().PubKeyHash, 10));
        var second = Payments.Pay(net.Alice, [coin], (Wallet.Generate().PubKeyHash, 10));
        await Network.TransactionSubmitter.SubmitAsync(first, [a.ListenAddress], net.GenesisHash, SubmitTimeout, CancellationToken.None);

        var error = await Assert.ThrowsAsync<SubmitException>(() => Network.TransactionSubmitter.SubmitAsync(
            second, [a.ListenAddress], net.GenesisHash, SubmitTimeout, CancellationToken.None));

        Assert.Contains("DoubleSpend", error.Message, StringComparison.Ordinal);
        Assert.True(a.Mempool.Contains(first.Id));
        Assert.False(a.Mempool.Contains(second.Id));
        Assert.Equal(1, a.Mempool.Count);
    }

    [Fact]
    public async Task SubmitAsync_NodeOnAnotherChain_Throws()
    {
        await using var net = new TestNetwork(output);
        var foreign = net.StartNode(net.CreateForeignChain());
        var chain = net.CreateChain();
        var tx = Payments.Pay(net.Alice, [Payments.GenesisCoin(chain)], (Wallet.Generate().PubKeyHash, 10));

        var error = await Assert.ThrowsAsync<SubmitException>(() => Network.TransactionSubmitter.SubmitAsync(
            tx, [foreign.ListenAddress], net.GenesisHash, SubmitTimeout, CancellationToken.None));

        Assert.Contains("another chain", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, foreign.Mempool.Count);
    }
}
