using System.Text;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Consensus;

/// <summary>
/// The public keys allowed to sign alerts on one chain, and how many of them must sign each alert. They are written
/// once, in the genesis block's coinbase data (after the height: "ALRT", threshold, key count, the 33-byte keys), so
/// every node of the chain knows them and nobody can change them; a chain created without them has no alerts.
/// </summary>
public sealed record AlertKeys
{
    /// <summary>At most 8 keys: 8 signatures of 65 bytes keep an alert under 1 KiB.</summary>
    public const int MaxKeys = 8;

    public const int KeySize = 33;

    private static readonly byte[] s_marker = Encoding.ASCII.GetBytes("ALRT");

    public AlertKeys(IReadOnlyList<byte[]> keys, int threshold)
    {
        if (keys.Count is 0 or > MaxKeys)
            throw new ArgumentException($"a chain has 1 to {MaxKeys} alert keys, not {keys.Count}", nameof(keys));
        if (threshold < 1 || threshold > keys.Count)
            throw new ArgumentException($"the alert threshold must be between 1 and {keys.Count} (the number of keys), not {threshold}", nameof(threshold));
        for (var i = 0; i < keys.Count; i++)
        {
            if (!IsCompressedKey(keys[i]))
                throw new ArgumentException($"alert key {i + 1} is not a 33-byte compressed public key (02… or 03…)", nameof(keys));
            for (var j = 0; j < i; j++)
                if (keys[j].AsSpan().SequenceEqual(keys[i]))
                    throw new ArgumentException($"alert key {i + 1} is given twice", nameof(keys));
        }

        Keys = keys;
        Threshold = threshold;
    }

    public IReadOnlyList<byte[]> Keys { get; }

    /// <summary>K: how many distinct keys must sign an alert.</summary>
    public int Threshold { get; }

    /// <summary>The default threshold for <paramref name="count"/> keys: a majority.</summary>
    public static int Majority(int count) => (count / 2) + 1;

    public static bool IsCompressedKey(ReadOnlySpan<byte> key) => key.Length == KeySize && key[0] is 0x02 or 0x03;

    /// <summary>The bytes written in the genesis coinbase's data, after the height.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[s_marker.Length + 2 + (Keys.Count * KeySize)];
        s_marker.CopyTo(bytes, 0);
        bytes[4] = (byte)Threshold;
        bytes[5] = (byte)Keys.Count;
        for (var i = 0; i < Keys.Count; i++)
            Keys[i].CopyTo(bytes, 6 + (i * KeySize));
        return bytes;
    }

    /// <summary>The alert keys in a genesis block's coinbase, or null when the chain has none (or they are malformed).</summary>
    public static AlertKeys? FromGenesis(Block genesis) => Decode(genesis.Transactions[0].Inputs[0].PubKey.AsSpan(4));

    /// <summary>The keys <see cref="Encode"/> wrote (at the start of <paramref name="data"/>), or null when there are none.</summary>
    public static AlertKeys? Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length < 6 || !data[..4].SequenceEqual(s_marker))
            return null;
        int threshold = data[4], count = data[5];
        if (data.Length < 6 + (count * KeySize))
            return null;
        var keys = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
            keys.Add(data.Slice(6 + (i * KeySize), KeySize).ToArray());
        try
        {
            return new AlertKeys(keys, threshold);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
