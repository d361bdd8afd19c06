using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network;

/// <summary>Saving the address book in the chain database, so a restart needs no seed.</summary>
public sealed partial class AddressBook
{
    private const byte FormatVersion = 2;

    /// <summary>Version, the bucket key, then (host, port, last seen, last success, tried, source group) per address.</summary>
    public byte[] Serialize()
    {
        var writer = new ByteWriter();
        lock (_gate)
        {
            var entries = _entries.Values.Where(e => !e.IsSeed).ToList();
            writer.WriteByte(FormatVersion);
            writer.WriteBytes(_key);
            writer.WriteCompactSize((ulong)entries.Count);
            foreach (var entry in entries)
            {
                writer.WriteVarString(entry.Address.Host);
                writer.WriteUInt16((ushort)entry.Address.Port);
                writer.WriteInt64(entry.LastSeen.ToUnixTimeSeconds());
                writer.WriteInt64(entry.LastSuccess == default ? 0 : entry.LastSuccess.ToUnixTimeSeconds());
                writer.WriteByte(entry.IsTried ? (byte)1 : (byte)0);
                writer.WriteVarString(entry.SourceGroup);
            }
        }

        return writer.ToArray();
    }

    /// <summary>Adds the addresses of a saved book (same key, same slots); a damaged or older blob is ignored.</summary>
    public int Load(byte[] data)
    {
        var loaded = 0;
        try
        {
            var reader = new ByteReader(data);
            if (reader.ReadByte() != FormatVersion)
                return 0;
            var key = reader.ReadBytes(16);
            var count = reader.ReadCount(Capacity, 20);
            lock (_gate)
            {
                key.CopyTo(_key, 0);
                for (var i = 0; i < count; i++)
                {
                    var host = reader.ReadVarString(255);
                    var port = reader.ReadUInt16();
                    var seen = FromUnix(reader.ReadInt64());
                    var success = reader.ReadInt64() is var s && s > 0 ? FromUnix(s) : default;
                    var tried = reader.ReadByte() == 1;
                    var source = reader.ReadVarString(64);
                    var address = new PeerAddress(host, port);
                    if (port == 0 || _entries.ContainsKey(address.Key) || _self.Contains(address.Key))
                        continue;
                    var entry = new AddressBookEntry(address, isSeed: false, source) { LastSeen = seen, LastSuccess = success };
                    if (PlaceInNew(entry, _time.GetUtcNow()))
                        loaded++;
                    if (tried)
                        MarkTriedLoaded(entry);
                }
            }
        }
        catch (DecodeException)
        {
            // A damaged book only costs rediscovery through the seeds.
        }

        return loaded;
    }

    private void MarkTriedLoaded(AddressBookEntry entry)
    {
        if (!_entries.ContainsKey(entry.Address.Key))
            return;
        var slot = TriedSlot(entry.Address);
        if (_tried[slot] is not null)
            return;
        _new[entry.Slot] = null;
        entry.IsTried = true;
        entry.Slot = slot;
        _tried[slot] = entry.Address.Key;
    }

    private static DateTimeOffset FromUnix(long seconds) => DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
}
