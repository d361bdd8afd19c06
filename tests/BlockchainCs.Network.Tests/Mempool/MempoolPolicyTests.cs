using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Mempool;

/// <summary>
/// Consensus and policy are different: a valid transaction refused because the pool is full is a refusal the sender
/// hears about (reject, InsufficientFee), not misbehaviour - the honest relay is neither scored nor disconnected.
/// </summary>
public sealed class MempoolPolicyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FullMempool_ValidTransaction_RefusedWithAReject_SenderNotPunished_IdNotBlacklisted()
    {
        await using var net = new TestNetwork(output);
        var coinbases = new List<Core.Primitives.Block>();
        Core.Primitives.Transaction? first = null;
        // Room for one zero-fee payment: the second, paying the same, is the one that does not fit.
        var node = net.Start(c => c with { Mempool = new MempoolPolicy { MaxBytes = MempoolEntry.EstimateUsage(first!, first!.Size) + 50 } }, chain =>
        {
            coinbases.AddRange(TestNetwork.AddBlocks(chain, 1, net.Alice.PubKeyHash));
            first = Payments.Pay(net.Alice, [Payments.GenesisCoin(chain)], (Wallet.Generate().PubKeyHash, 10));
        });
        var peer = await net.ConnectAsync(node, bestHeight: 1);
        var second = Payments.Pay(net.Alice, [Payments.CoinOf(coinbases[0].Transactions[0], 0)], (Wallet.Generate().PubKeyHash, 10));

        await peer.SendAsync(new TxPayload(first!));
        await peer.SendAsync(new TxPayload(second));

        var reject = await peer.ExpectAsync<RejectPayload>();
        Assert.Equal((RejectCode.InsufficientFee, second.Id), (reject.Code, reject.Hash));
        output.WriteLine($"refused: {reject.Reason}");
        Assert.Contains("mempool is full", reject.Reason, StringComparison.Ordinal);
        await Refusals.AssertNotPunishedAsync(node, peer, second);
        Assert.True(node.Mempool.Contains(first!.Id));
    }
}
