using System.Net;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Relay;

/// <summary>
/// Hostile peer item 6: our transaction id leaves the signatures out, so a refused copy with a broken signature must not
/// blacklist the id the genuine transaction shares with it.
/// </summary>
public sealed class RejectCacheTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ForgedSignatureCopyRefused_GenuineTwinWithTheSameId_StillRequestedAcceptedAndRelayed()
    {
        await using var net = new TestNetwork(output);
        var node = net.Start();
        var genuine = Payments.Pay(net.Alice, [Payments.GenesisCoin(node.Chain)], (Wallet.Generate().PubKeyHash, 10));
        var forged = WithBrokenSignature(genuine);
        Assert.Equal(genuine.Id, forged.Id);
        var watcher = await net.ConnectAsync(node, IPAddress.Parse("127.0.0.41"));
        var forger = await net.ConnectAsync(node, IPAddress.Parse("127.0.0.42"));
        var honest = await net.ConnectAsync(node, IPAddress.Parse("127.0.0.43"));

        await forger.SendAsync(new TxPayload(forged));
        await Wait.UntilAsync(() => node.Sync.Rejects.Contains(forged), "the forged copy to be refused");
        Assert.False(node.Mempool.Contains(genuine.Id));
        Assert.False(node.Sync.Rejects.Contains(genuine.Id), "the id itself is not blacklisted");

        await honest.SendAsync(new InvPayload([new InventoryVector(InventoryType.Tx, genuine.Id)]));
        await honest.ExpectAsync<GetDataPayload>(g => g.Items.Any(i => i.Hash == genuine.Id));
        await honest.SendAsync(new TxPayload(genuine));

        await watcher.ExpectAsync<InvPayload>(inv => inv.Items.Any(i => i.Hash == genuine.Id));
        Assert.True(node.Mempool.Contains(genuine.Id));
        Assert.False(honest.IsClosed);
    }

    [Fact]
    public void Cache_KeysSignatureRefusalsByFullHash_AndOtherRefusalsById()
    {
        var cache = new RejectCache();
        var owner = Wallet.Generate();
        var coin = new Coin(new OutPoint(Hash256.Compute([1]), 0), new TxOutput(5, owner.PubKeyHash));
        var signed = Payments.Pay(owner, [coin], (owner.PubKeyHash, 5));
        var spent = Payments.Pay(owner, [coin], (owner.PubKeyHash, 4));

        cache.Add(WithBrokenSignature(signed), RuleErrorCode.BadSignature);
        cache.Add(spent, RuleErrorCode.MissingInput);

        Assert.True(cache.Contains(WithBrokenSignature(signed)));
        Assert.False(cache.Contains(signed));
        Assert.False(cache.Contains(signed.Id));
        Assert.True(cache.Contains(spent.Id));
        Assert.True(cache.Contains(spent));
    }

    private static Transaction WithBrokenSignature(Transaction tx)
    {
        var inputs = tx.Inputs.Select(input =>
        {
            var signature = input.Signature.ToArray();
            signature[^1] ^= 0x01;
            return input with { Signature = signature };
        }).ToList();
        return new Transaction(inputs, tx.Outputs);
    }
}
