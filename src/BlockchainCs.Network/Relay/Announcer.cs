using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network;

/// <summary>
/// Announces blocks and transactions with inv: each ready peer but the one it came from hears of each item once
/// (per-peer <see cref="KnownInventory"/>), so relay floods the network without echoing. A peer that loaded a BIP 37
/// filter hears only of the transactions that match it, and a peer that sent a BIP 133 feefilter only of those that pay
/// at least its rate (<paramref name="findEntry"/> finds them in the mempool).
/// </summary>
public sealed class Announcer(Func<IEnumerable<Peer>> readyPeers, Func<Hash256, MempoolEntry?> findEntry)
{
    /// <summary>The peers that finished their handshake and are still connected.</summary>
    public IEnumerable<Peer> ReadyPeers() => readyPeers();

    public void Announce(IReadOnlyList<InventoryVector> items, Peer? source)
    {
        if (items.Count == 0)
            return;
        foreach (var peer in readyPeers())
            if (peer != source)
                AnnounceTo(peer, items);
    }

    /// <summary>
    /// Announces to one peer what it is not known to have, or everything when <paramref name="evenIfKnown"/> (a
    /// rebroadcast: the peer may have dropped it since), in inv messages of at most <see cref="InventoryList.MaxItems"/>.
    /// </summary>
    public void AnnounceTo(Peer peer, IReadOnlyList<InventoryVector> items, bool evenIfKnown = false)
    {
        var send = items.Where(item => Wants(peer, item) && (peer.Known.Add(item.Hash) || evenIfKnown)).ToList();
        foreach (var chunk in send.Chunk(InventoryList.MaxItems))
            peer.Send(new InvPayload([.. chunk]));
    }

    /// <summary>
    /// Whether a peer wants to hear of an item: blocks always; a transaction if it pays at least the peer's feefilter
    /// and matches the peer's filter, or, with no filter, unless its version asked for none (a light wallet before its
    /// filterload).
    /// </summary>
    public bool Wants(Peer peer, InventoryVector item)
    {
        if (item.Type != InventoryType.Tx)
            return true;
        var feeFilter = peer.FeeFilter;
        if (peer.Filter is null && feeFilter <= 0)
            return peer.RelayTransactions;
        if (findEntry(item.Hash) is not { } entry || !new FeeRate(feeFilter).IsMetBy(entry.Fee, entry.Size))
            return false;
        return peer.Filter is { } filter ? filter.IsRelevantAndUpdate(entry.Transaction) : peer.RelayTransactions;
    }
}
