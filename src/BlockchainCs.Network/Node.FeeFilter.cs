using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol.Payloads;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// BIP 133 feefilter, both ways: a peer's filter keeps cheaper transactions out of what we announce to it (the
/// <see cref="Announcer"/>); and we tell each peer our own minimum (the floor, or a full pool's raised minimum) when it
/// changes by more than a quarter, so nobody sends us what we would refuse. Nothing is sent while the minimum is 0.
/// </summary>
public sealed partial class Node
{
    private void ReceiveFeeFilter(Peer peer, FeeFilterPayload filter)
    {
        peer.FeeFilter = filter.FeeRate;
        _log.LogDebug("{Peer} wants transactions paying at least {Rate}", peer, new FeeRate(filter.FeeRate));
    }

    /// <summary>Sends the current minimum to the peers that were told another one (or none) and should hear it.</summary>
    private void SendFeeFilters(DateTimeOffset now)
    {
        var minimum = Mempool.MinFee(now).PerKb;
        foreach (var peer in _connections.ReadyPeers)
            SendFeeFilter(peer, minimum);
    }

    private void SendFeeFilter(Peer peer, long minimum)
    {
        var sent = peer.FeeFilterSent;
        // Bitcoin's hysteresis: a small drift is not worth a message; going to or from 0 always is.
        var significant = minimum != sent && (sent == 0 || minimum == 0 || minimum * 4 < sent * 3 || minimum * 3 > sent * 4);
        if (!significant)
            return;
        peer.FeeFilterSent = minimum;
        peer.Send(new FeeFilterPayload(minimum));
    }
}
