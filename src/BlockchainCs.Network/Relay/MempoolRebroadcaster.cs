using BlockchainCs.Network.Protocol;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// Nothing accepted is lost. A peer that connects hears of every unconfirmed transaction (a miner that was down gets
/// what piled up meanwhile), and transactions still unconfirmed after <see cref="NodeConfig.RebroadcastInterval"/> are
/// announced again to every peer, at most once per interval (Bitcoin Core's rebroadcast idea), so a payment stranded on
/// one side of a partition reaches a miner once the network heals.
/// </summary>
public sealed class MempoolRebroadcaster(Mempool mempool, Announcer announcer, TimeSpan interval, DateTimeOffset start, ILogger log)
{
    private DateTimeOffset _lastRound = start;

    /// <summary>A peer finished its handshake: announce the whole pool to it (inventory only; it asks for what it lacks).</summary>
    public void OnReady(Peer peer)
    {
        var items = mempool.Entries().Select(e => new InventoryVector(InventoryType.Tx, e.Transaction.Id)).ToList();
        if (items.Count == 0)
            return;
        announcer.AnnounceTo(peer, items);
        log.LogDebug("Announced {Count} unconfirmed transactions to {Peer}", items.Count, peer);
    }

    /// <summary>Once per interval: announce again, to every peer, what has waited unconfirmed for a whole interval.</summary>
    public void Tick(DateTimeOffset now)
    {
        if (now - _lastRound < interval)
            return;
        _lastRound = now;
        var stale = mempool.Entries().Where(e => now - e.Added >= interval)
            .Select(e => new InventoryVector(InventoryType.Tx, e.Transaction.Id)).ToList();
        if (stale.Count == 0)
            return;
        var peers = announcer.ReadyPeers().ToList();
        // Said before it is done, so the line comes before any peer can see the announcement.
        log.LogInformation("Rebroadcast {Count} transactions unconfirmed for over {Minutes} min to {Peers} peers", stale.Count,
            interval.TotalMinutes, peers.Count);
        foreach (var peer in peers)
            announcer.AnnounceTo(peer, stale, evenIfKnown: true);
    }
}
