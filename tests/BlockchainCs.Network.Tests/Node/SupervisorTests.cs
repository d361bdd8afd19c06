using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Node;

/// <summary>Every background loop is supervised: a fault injected into one is logged with its name, and the loop goes on.</summary>
public sealed class SupervisorTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("connections")]
    [InlineData("upkeep")]
    [InlineData("stalls")]
    public async Task Loop_ThrowsOnce_FailureLoggedWithItsName_LoopGoesOnAndTheNodeConnects(string loop)
    {
        await using var net = new TestNetwork(output);
        var seed = net.Start();
        var faults = 0;
        var node = net.Start(c => c with
        {
            Seeds = [seed.ListenAddress],
            BeforeLoopStep = name =>
            {
                if (name == loop && Interlocked.Increment(ref faults) == 1)
                    throw new InvalidOperationException($"injected fault in {name}");
            },
        });

        await Wait.UntilAsync(() => TestNetwork.OutboundReady(node) == 1, "the node to connect to its seed despite the fault");
        await Wait.UntilAsync(() => Volatile.Read(ref faults) > 1, $"the {loop} loop to run again after its fault");

        Assert.Equal(1, node.LoopFailures);
        Assert.True(net.Logs(node).Contains($"The {loop} loop failed and goes on: injected fault in {loop}"));
    }

    [Fact]
    public async Task Miner_ThrowsOnce_RestartedAndMinesABlock()
    {
        await using var net = new TestNetwork(output);
        var faults = 0;
        var node = net.Start(c => c with
        {
            MinerPubKeyHash = net.Alice.PubKeyHash,
            MineMinTransactions = 1,
            BeforeLoopStep = name =>
            {
                if (name == "miner" && Interlocked.Increment(ref faults) == 1)
                    throw new InvalidOperationException("injected fault in the miner");
            },
        });
        await Wait.UntilAsync(() => node.LoopFailures == 1, "the fault to be counted");

        var payment = Payments.Pay(net.Alice, [Payments.GenesisCoin(node.Chain)], (net.Alice.PubKeyHash, 10));
        await node.SubmitTransactionAsync(payment);

        await Wait.UntilAsync(() => node.Chain.Tip.Height == 1, "the restarted miner to mine the payment");
        Assert.True(net.Logs(node).Contains("The miner loop failed and goes on"));
    }
}
