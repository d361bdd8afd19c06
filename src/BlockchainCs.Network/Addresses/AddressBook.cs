using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace BlockchainCs.Network;

/// <summary>
/// AddressBook is what a node knows of other nodes' listen addresses (the tutorial's knownNodes), shaped like Bitcoin
/// Core's addrman at our scale. Addresses heard of go into a "new" table, those we connected to into a "tried" table;
/// each table is fixed-size buckets of slots chosen by a secret key. A new address's bucket depends on the network group
/// of whoever told us, and one source group reaches only a few buckets; an occupied slot is only taken over from an entry
/// that is terrible (long unseen or always failing). So a flood of junk from one peer cannot push out the addresses we
/// know work, and the book never grows past its tables. Seeds (--seed) are kept aside and never evicted.
/// </summary>
public sealed partial class AddressBook
{
    public const int NewBucketCount = 64;
    public const int TriedBucketCount = 16;
    public const int BucketSize = 32;
    public const int NewBucketsPerSourceGroup = 8;

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly byte[] _key = new byte[16];
    private readonly Dictionary<string, AddressBookEntry> _entries = [];
    private readonly string?[] _new = new string?[NewBucketCount * BucketSize];
    private readonly string?[] _tried = new string?[TriedBucketCount * BucketSize];
    private readonly HashSet<string> _self = [];

    public AddressBook(TimeProvider time, Random random)
    {
        _time = time;
        _random = random;
        random.NextBytes(_key);
    }

    /// <summary>The largest number of addresses the tables hold (seeds come on top).</summary>
    public static int Capacity => (NewBucketCount + TriedBucketCount) * BucketSize;

    public int Count
    {
        get
        {
            lock (_gate)
                return _entries.Count;
        }
    }

    public int TriedCount
    {
        get
        {
            lock (_gate)
                return _entries.Values.Count(e => e.IsTried);
        }
    }

    public void AddSeed(PeerAddress address)
    {
        lock (_gate)
        {
            if (!_self.Contains(address.Key) && !_entries.ContainsKey(address.Key))
                _entries[address.Key] = new AddressBookEntry(address, isSeed: true, "") { LastSeen = _time.GetUtcNow() };
        }
    }

    /// <summary>
    /// Adds an address heard from a peer of network group <paramref name="sourceGroup"/>; true when it was new and found
    /// a slot. A known address only has its last-seen time raised.
    /// </summary>
    public bool Add(PeerAddress address, string sourceGroup, DateTimeOffset? lastSeen = null)
    {
        var now = _time.GetUtcNow();
        var seen = lastSeen is { } value && value < now ? value : now;
        lock (_gate)
        {
            if (_entries.TryGetValue(address.Key, out var known))
            {
                if (seen > known.LastSeen)
                    known.LastSeen = seen;
                return false;
            }

            if (_self.Contains(address.Key))
                return false;
            return PlaceInNew(new AddressBookEntry(address, isSeed: false, sourceGroup) { LastSeen = seen }, now);
        }
    }

    /// <summary>A connection to it completed the handshake: it moves to the tried table, its failures forgotten.</summary>
    public void MarkGood(PeerAddress address)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_entries.TryGetValue(address.Key, out var entry))
                return;
            entry.Failures = 0;
            entry.NextAttempt = DateTimeOffset.MinValue;
            entry.LastSeen = now;
            entry.LastSuccess = now;
            if (entry.IsSeed || entry.IsTried)
                return;
            _new[entry.Slot] = null;
            var slot = TriedSlot(entry.Address);
            if (_tried[slot] is { } occupantKey && _entries.TryGetValue(occupantKey, out var occupant))
            {
                // The older tried entry goes back to the new table (or away, when its slot there is taken).
                _entries.Remove(occupantKey);
                occupant.IsTried = false;
                PlaceInNew(occupant, now);
            }

            entry.IsTried = true;
            entry.Slot = slot;
            _tried[slot] = entry.Address.Key;
        }
    }

    /// <summary>A dial failed: the next try waits twice as long as the last (bounded). Returns that wait.</summary>
    public TimeSpan MarkFailed(PeerAddress address, TimeSpan firstDelay, TimeSpan maxDelay)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(address.Key, out var entry))
                return firstDelay;
            entry.Failures++;
            var delay = TimeSpan.FromTicks(Math.Min(maxDelay.Ticks, firstDelay.Ticks << Math.Min(entry.Failures - 1, 16)));
            entry.NextAttempt = _time.GetUtcNow() + delay;
            return delay;
        }
    }

    /// <summary>Addresses whose back-off has passed: seeds first, then tried and new ones in random order.</summary>
    public List<PeerAddress> DialCandidates()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var due = _entries.Values.Where(e => e.NextAttempt <= now).ToList();
            return [.. due.Where(e => e.IsSeed).Select(e => e.Address),
                .. Shuffle(due.Where(e => e.IsTried)).Select(e => e.Address),
                .. Shuffle(due.Where(e => !e.IsSeed && !e.IsTried)).Select(e => e.Address)];
        }
    }

    /// <summary>Up to <paramref name="max"/> addresses that are not terrible, in random order (what getaddr is answered with).</summary>
    public List<AddressBookEntry> Sample(int max)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
            return [.. Shuffle(_entries.Values.Where(e => !e.IsSeed && !e.IsTerrible(now))).Take(max)];
    }

    /// <summary>Up to <paramref name="max"/> known addresses, seeds first, then tried, then new (the page's network picture).</summary>
    public List<AddressBookEntry> Snapshot(int max)
    {
        lock (_gate)
            return [.. _entries.Values.OrderByDescending(e => e.IsSeed).ThenByDescending(e => e.IsTried).ThenByDescending(e => e.LastSeen).Take(max)];
    }

    public AddressBookEntry? Get(PeerAddress address)
    {
        lock (_gate)
            return _entries.GetValueOrDefault(address.Key);
    }

    public bool Contains(PeerAddress address) => Get(address) is not null;

    /// <summary>Our own address (learned when we connected to ourselves): removed, and never added or dialled again.</summary>
    public void MarkSelf(PeerAddress address)
    {
        lock (_gate)
        {
            if (_entries.Remove(address.Key, out var entry) && entry.Slot >= 0)
                (entry.IsTried ? _tried : _new)[entry.Slot] = null;
            _self.Add(address.Key);
        }
    }

    public bool IsSelf(PeerAddress address)
    {
        lock (_gate)
            return _self.Contains(address.Key);
    }

    private bool PlaceInNew(AddressBookEntry entry, DateTimeOffset now)
    {
        var slot = NewSlot(entry.Address, entry.SourceGroup);
        if (_new[slot] is { } occupantKey && _entries.TryGetValue(occupantKey, out var occupant))
        {
            if (!occupant.IsTerrible(now))
                return false;
            _entries.Remove(occupantKey);
        }

        entry.Slot = slot;
        _new[slot] = entry.Address.Key;
        _entries[entry.Address.Key] = entry;
        return true;
    }

    // Bucket and position come from a keyed hash, so a peer cannot aim its addresses at particular slots.
    private int NewSlot(PeerAddress address, string sourceGroup)
    {
        var group = NetworkGroup.Of(address);
        var spread = Hash("new", group, sourceGroup) % NewBucketsPerSourceGroup;
        var bucket = (int)(Hash("newbucket", sourceGroup, spread.ToString(System.Globalization.CultureInfo.InvariantCulture)) % NewBucketCount);
        return (bucket * BucketSize) + (int)(Hash("newslot", bucket.ToString(System.Globalization.CultureInfo.InvariantCulture), address.Key) % BucketSize);
    }

    private int TriedSlot(PeerAddress address)
    {
        var spread = Hash("tried", address.Key, "") % 4;
        var bucket = (int)(Hash("triedbucket", NetworkGroup.Of(address), spread.ToString(System.Globalization.CultureInfo.InvariantCulture)) % TriedBucketCount);
        return (bucket * BucketSize) + (int)(Hash("triedslot", bucket.ToString(System.Globalization.CultureInfo.InvariantCulture), address.Key) % BucketSize);
    }

    private ulong Hash(string purpose, string a, string b)
    {
        var data = Encoding.UTF8.GetBytes($"{purpose}|{a}|{b}");
        Span<byte> digest = stackalloc byte[32];
        HMACSHA256.HashData(_key, data, digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }

    private List<AddressBookEntry> Shuffle(IEnumerable<AddressBookEntry> entries)
    {
        var list = entries.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}
