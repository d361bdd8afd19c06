using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network;

/// <summary>
/// Announces blocks and transactions with inv: each ready peer but the one it came from hears of each item once
/// (per-peer <see cref="KnownInventory"/>), so relay floods the network without echoing.
/// </summary>
public sealed class Announcer(Func<IEnumerable<Peer>> readyPeers)
{
    /// <summary>The peers that finished their handshake and are still connected.</summary>
    public IEnumerable<Peer> ReadyPeers() => readyPeers();

    public void Announce(IReadOnlyList<InventoryVector> items, Peer? source)
    {
        if (items.Count == 0)
            return;
        foreach (var peer in readyPeers())
        {
            if (peer == source)
                continue;
            var fresh = items.Where(item => peer.Known.Add(item.Hash)).ToList();
            foreach (var chunk in fresh.Chunk(InventoryList.MaxItems))
                peer.Send(new InvPayload([.. chunk]));
        }
    }
}
