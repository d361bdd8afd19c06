using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>
/// The blocks we asked for and from whom (btcd's requestedBlocks): a block is asked of one peer at a time, at most
/// <see cref="MaxPerPeer"/> per peer; a request unanswered for the timeout may go to another peer. Owned by the
/// single writer: no locks.
/// </summary>
public sealed class BlockRequests(TimeSpan timeout)
{
    /// <summary>Blocks one peer may have in flight (two getblocks batches: the one downloading and the next).</summary>
    public const int MaxPerPeer = 1_024;

    private readonly Dictionary<Hash256, (Peer Peer, DateTimeOffset At)> _inFlight = [];
    private readonly Dictionary<Peer, int> _perPeer = [];

    public int Count => _inFlight.Count;

    public TimeSpan Timeout => timeout;

    /// <summary>True when the block is asked of a connected peer and not overdue: do not ask again.</summary>
    public bool IsPending(Hash256 hash, DateTimeOffset now) =>
        _inFlight.TryGetValue(hash, out var request) && !request.Peer.IsClosed && now - request.At < timeout;

    public bool IsRequested(Hash256 hash) => _inFlight.ContainsKey(hash);

    public int CountFor(Peer peer) => _perPeer.GetValueOrDefault(peer);

    /// <summary>Records a request; false when the peer already has <see cref="MaxPerPeer"/> in flight.</summary>
    public bool TryAdd(Hash256 hash, Peer peer, DateTimeOffset now)
    {
        if (CountFor(peer) >= MaxPerPeer)
            return false;
        Remove(hash);
        _inFlight[hash] = (peer, now);
        _perPeer[peer] = CountFor(peer) + 1;
        return true;
    }

    /// <summary>The block arrived (or will not): forgets its request; returns who it was asked of.</summary>
    public Peer? Remove(Hash256 hash)
    {
        if (!_inFlight.Remove(hash, out var request))
            return null;
        if (--_perPeer[request.Peer] == 0)
            _perPeer.Remove(request.Peer);
        return request.Peer;
    }

    /// <summary>Forgets every request (sync paused): late answers are then unrequested blocks.</summary>
    public void Clear()
    {
        _inFlight.Clear();
        _perPeer.Clear();
    }

    /// <summary>Forgets every request of a peer (it disconnected, or said notfound).</summary>
    public void RemoveAll(Peer peer)
    {
        foreach (var hash in _inFlight.Where(e => e.Value.Peer == peer).Select(e => e.Key).ToList())
            Remove(hash);
    }

    /// <summary>Requests older than the timeout (or whose peer left), oldest first.</summary>
    public List<(Hash256 Hash, Peer Peer)> Overdue(DateTimeOffset now) =>
        [.. _inFlight.Where(e => e.Value.Peer.IsClosed || now - e.Value.At >= timeout).OrderBy(e => e.Value.At).Select(e => (e.Key, e.Value.Peer))];
}
