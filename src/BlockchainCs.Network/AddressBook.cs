using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network;

/// <summary>
/// AddressBook is what a node knows of other nodes' listen addresses (the tutorial's knownNodes): the seeds, what
/// peers told it through addr, and who connected to it. It tracks failures so dialling backs off.
/// </summary>
public sealed class AddressBook(TimeProvider time, int capacity = 2_000)
{
    public int Capacity => capacity;

    private readonly Dictionary<string, AddressBookEntry> _entries = [];
    private readonly HashSet<string> _self = [];

    public int Count
    {
        get
        {
            lock (_entries)
                return _entries.Count;
        }
    }

    /// <summary>Adds an address; false when it was known already or the book is full.</summary>
    public bool Add(PeerAddress address, bool isSeed = false, DateTimeOffset? lastSeen = null)
    {
        lock (_entries)
        {
            if (_entries.TryGetValue(address.Key, out var known))
            {
                if (lastSeen > known.LastSeen)
                    known.LastSeen = lastSeen.Value;
                return false;
            }

            if ((_entries.Count >= capacity && !isSeed) || _self.Contains(address.Key))
                return false;
            _entries[address.Key] = new AddressBookEntry(address, isSeed) { LastSeen = lastSeen ?? time.GetUtcNow() };
            return true;
        }
    }

    public List<AddressBookEntry> Entries()
    {
        lock (_entries)
            return [.. _entries.Values];
    }

    /// <summary>Addresses whose back-off has passed, seeds first, then the most recently seen.</summary>
    public List<PeerAddress> DialCandidates()
    {
        var now = time.GetUtcNow();
        lock (_entries)
            return [.. _entries.Values.Where(e => e.NextAttempt <= now).OrderByDescending(e => e.IsSeed).ThenByDescending(e => e.LastSeen).Select(e => e.Address)];
    }

    /// <summary>A dial failed: wait twice as long as last time (bounded) before the next try.</summary>
    public void MarkFailed(PeerAddress address, TimeSpan firstDelay, TimeSpan maxDelay)
    {
        lock (_entries)
        {
            if (!_entries.TryGetValue(address.Key, out var entry))
                return;
            entry.Failures++;
            var delay = TimeSpan.FromTicks(Math.Min(maxDelay.Ticks, firstDelay.Ticks << Math.Min(entry.Failures - 1, 16)));
            entry.NextAttempt = time.GetUtcNow() + delay;
        }
    }

    /// <summary>The address answered: forget its failures.</summary>
    public void MarkGood(PeerAddress address)
    {
        lock (_entries)
        {
            if (!_entries.TryGetValue(address.Key, out var entry))
                return;
            entry.Failures = 0;
            entry.NextAttempt = DateTimeOffset.MinValue;
            entry.LastSeen = time.GetUtcNow();
        }
    }

    /// <summary>The book as bytes for the chain database: CompactSize count, then (host, port, last seen) each.</summary>
    public byte[] Serialize()
    {
        var writer = new ByteWriter();
        var entries = Entries().Where(e => !e.IsSeed).OrderByDescending(e => e.LastSeen).Take(capacity).ToList();
        writer.WriteCompactSize((ulong)entries.Count);
        foreach (var entry in entries)
        {
            writer.WriteVarString(entry.Address.Host);
            writer.WriteUInt16((ushort)entry.Address.Port);
            writer.WriteInt64(entry.LastSeen.ToUnixTimeSeconds());
        }

        return writer.ToArray();
    }

    /// <summary>Adds the addresses of a saved book; a damaged blob is ignored (the seeds still work).</summary>
    public int Load(byte[] data)
    {
        var loaded = 0;
        try
        {
            var reader = new ByteReader(data);
            var count = reader.ReadCount(capacity, 11);
            for (var i = 0; i < count; i++)
            {
                var host = reader.ReadVarString(255);
                var port = reader.ReadUInt16();
                var seen = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(reader.ReadInt64(), 0, 253402300799));
                if (port != 0 && Add(new PeerAddress(host, port), lastSeen: seen))
                    loaded++;
            }
        }
        catch (DecodeException)
        {
            // A damaged book only costs rediscovery through the seeds.
        }

        return loaded;
    }

    public bool Contains(PeerAddress address)
    {
        lock (_entries)
            return _entries.ContainsKey(address.Key);
    }

    public AddressBookEntry? Get(PeerAddress address)
    {
        lock (_entries)
            return _entries.TryGetValue(address.Key, out var entry) ? entry : null;
    }

    public void Remove(PeerAddress address)
    {
        lock (_entries)
            _entries.Remove(address.Key);
    }

    /// <summary>Our own address (learned when we connected to ourselves): removed, and never added or dialled again.</summary>
    public void MarkSelf(PeerAddress address)
    {
        lock (_entries)
        {
            _entries.Remove(address.Key);
            _self.Add(address.Key);
        }
    }

    public bool IsSelf(PeerAddress address)
    {
        lock (_entries)
            return _self.Contains(address.Key);
    }
}
