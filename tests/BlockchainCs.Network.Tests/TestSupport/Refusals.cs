using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network.Tests.TestSupport;

/// <summary>What a policy refusal must not do to the honest peer that relayed a valid transaction.</summary>
internal static class Refusals
{
    /// <summary>The peer (the node's only one) is still connected, unscored and unbanned; the transaction is not blacklisted.</summary>
    public static async Task AssertNotPunishedAsync(Network.Node node, TestPeer peer, Transaction refused)
    {
        await peer.SyncAsync();
        Assert.False(peer.IsClosed);
        Assert.Equal(0, node.ReadyPeers.Single().Stats.BanScore);
        Assert.Empty(node.Bans.Entries());
        Assert.False(node.Sync.Rejects.Contains(refused), "a policy refusal must not blacklist a valid transaction");
    }
}
