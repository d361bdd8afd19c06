using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network;

/// <summary>
/// What a peer is known to have (it announced or sent it, or we announced it to it), so nothing is announced to it
/// twice. Bounded: two generations of at most half the capacity each; when the newer fills up, the older is dropped
/// (forgetting only costs a redundant inv).
/// </summary>
public sealed class KnownInventory(int capacity = 50_000)
{
    private readonly object _gate = new();
    private HashSet<Hash256> _current = [];
    private HashSet<Hash256> _previous = [];

    /// <summary>Records the item; true when it was not known yet.</summary>
    public bool Add(Hash256 hash)
    {
        lock (_gate)
        {
            if (_previous.Contains(hash) || !_current.Add(hash))
                return false;
            if (_current.Count >= capacity / 2)
            {
                _previous = _current;
                _current = [];
            }

            return true;
        }
    }

    public bool Contains(Hash256 hash)
    {
        lock (_gate)
            return _current.Contains(hash) || _previous.Contains(hash);
    }
}
