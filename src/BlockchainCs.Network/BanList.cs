namespace BlockchainCs.Network;

/// <summary>
/// BanList remembers misbehaving peers for a while. On loopback every node shares one IP, so a ban there names the
/// peer's listen address (HOST:PORT); elsewhere it names the IP, as Bitcoin Core does.
/// </summary>
public sealed class BanList(TimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> _bans = [];

    public void Ban(string key, TimeSpan duration)
    {
        lock (_bans)
            _bans[key] = time.GetUtcNow() + duration;
    }

    public bool IsBanned(string key)
    {
        lock (_bans)
        {
            if (!_bans.TryGetValue(key, out var until))
                return false;
            if (until > time.GetUtcNow())
                return true;
            _bans.Remove(key);
            return false;
        }
    }

    public int Count
    {
        get
        {
            lock (_bans)
                return _bans.Count;
        }
    }

    public static bool IsLoopback(PeerAddress address) => address.Key.StartsWith("127.0.0.1:", StringComparison.Ordinal);

    /// <summary>The ban key of an address: its IP, or HOST:PORT on loopback.</summary>
    public static string KeyOf(PeerAddress address)
    {
        var key = address.Key;
        return IsLoopback(address) ? key : key[..key.LastIndexOf(':')];
    }
}
