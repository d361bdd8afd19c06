using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Network.Tests.TestSupport;

/// <summary>The node under attack in the bad-input tests.</summary>
public static class TargetNode
{
    /// <summary>A node with two mined blocks and one pending transaction (spending the genesis coin), so "unchanged" means something.</summary>
    public static async Task<(Network.Node Node, NodeSnapshot Before)> StartAsync(TestNetwork net, Func<NodeConfig, NodeConfig>? configure = null)
    {
        var chain = net.CreateChain("target");
        TestNetwork.AddBlocks(chain, 2, Wallet.Generate().PubKeyHash);
        var node = net.StartNode(chain, configure ?? (config => config), "target");
        var tx = Payments.Pay(net.Alice, [Payments.GenesisCoin(chain)], (Wallet.Generate().PubKeyHash, 9));
        Assert.Null((await node.SubmitTransactionAsync(tx)).Error);
        return (node, NodeSnapshot.Of(node));
    }
}
