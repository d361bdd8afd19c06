using System.Net;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network;

/// <summary>
/// BanList remembers misbehaving peers' IPs for a while: the address a connection really comes from, never one a peer
/// claims. Bounded (the ban closest to its end makes room for a new one) and saved in the chain database, so a
/// restart does not forgive.
/// </summary>
public sealed class BanList(TimeProvider time, int capacity = 10_000)
{
    public const int MaxReasonLength = 120;

    private readonly object _gate = new();
    private readonly Dictionary<string, BanEntry> _bans = [];

    public int Capacity => capacity;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                RemoveExpired();
                return _bans.Count;
            }
        }
    }

    public static string KeyOf(IPAddress ip) => (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();

    public void Ban(IPAddress ip, TimeSpan duration, string reason)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            RemoveExpired();
            var key = KeyOf(ip);
            if (!_bans.ContainsKey(key) && _bans.Count >= capacity)
                _bans.Remove(_bans.MinBy(b => b.Value.Until).Key);
            _bans[key] = new BanEntry(key, now, now + duration, SafeText.Sanitize(reason, MaxReasonLength));
        }
    }

    public bool IsBanned(IPAddress ip)
    {
        lock (_gate)
            return _bans.TryGetValue(KeyOf(ip), out var entry) && entry.Until > time.GetUtcNow();
    }

    public bool Unban(IPAddress ip)
    {
        lock (_gate)
            return _bans.Remove(KeyOf(ip));
    }

    /// <summary>The bans in force, soonest ending first (listbanned).</summary>
    public List<BanEntry> Entries()
    {
        lock (_gate)
        {
            RemoveExpired();
            return [.. _bans.Values.OrderBy(b => b.Until)];
        }
    }

    /// <summary>The bans as bytes for the chain database: count, then (ip, since, until, reason) each.</summary>
    public byte[] Serialize()
    {
        var writer = new ByteWriter();
        var entries = Entries();
        writer.WriteCompactSize((ulong)entries.Count);
        foreach (var entry in entries)
        {
            writer.WriteVarString(entry.Address);
            writer.WriteInt64(entry.Since.ToUnixTimeSeconds());
            writer.WriteInt64(entry.Until.ToUnixTimeSeconds());
            writer.WriteVarString(entry.Reason);
        }

        return writer.ToArray();
    }

    /// <summary>Restores saved bans (expired ones are dropped); a damaged blob is ignored.</summary>
    public int Load(byte[] data)
    {
        var loaded = 0;
        try
        {
            var reader = new ByteReader(data);
            var count = reader.ReadCount(capacity, 20);
            for (var i = 0; i < count; i++)
            {
                var address = reader.ReadVarString(64);
                var since = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(reader.ReadInt64(), 0, 253402300799));
                var until = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(reader.ReadInt64(), 0, 253402300799));
                var reason = reader.ReadVarString(4 * MaxReasonLength);
                if (!IPAddress.TryParse(address, out var ip) || until <= time.GetUtcNow())
                    continue;
                lock (_gate)
                    _bans[KeyOf(ip)] = new BanEntry(KeyOf(ip), since, until, SafeText.Sanitize(reason, MaxReasonLength));
                loaded++;
            }
        }
        catch (DecodeException)
        {
            // A damaged list only forgives early.
        }

        return loaded;
    }

    private void RemoveExpired()
    {
        var now = time.GetUtcNow();
        foreach (var key in _bans.Where(b => b.Value.Until <= now).Select(b => b.Key).ToList())
            _bans.Remove(key);
    }
}

