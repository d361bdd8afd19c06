using System.Buffers.Binary;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Core.Filters;

/// <summary>
/// BIP 158's Golomb-coded set: each item hashed with SipHash-2-4 (keyed by 16 bytes, the block hash's first) and mapped
/// into [0, N·M) by a 64-bit multiply-and-shift, the values sorted, and their deltas Golomb-Rice coded with parameter
/// P (the quotient in unary, then P bits, most significant first). Serialized as N (CompactSize) and the bits; the
/// empty set is the single byte 00. A query is hashed the same way and looked for by decoding.
/// </summary>
public static class GolombCodedSet
{
    /// <summary>BIP 158's basic filter parameters: false-positive rate 1 / <see cref="M"/> with <see cref="P"/> bits per remainder.</summary>
    public const int P = 19;

    public const ulong M = 784_931;

    /// <summary>More items than any block can yield (a 1 MB block holds fewer than 50,000 outputs): a larger count is not a filter.</summary>
    public const ulong MaxItems = 1_000_000;

    public static byte[] Build(ReadOnlySpan<byte> key, IEnumerable<byte[]> items)
    {
        var distinct = items.Select(Convert.ToHexString).Distinct().Select(Convert.FromHexString).ToList();
        var writer = new ByteWriter();
        writer.WriteCompactSize((ulong)distinct.Count);
        if (distinct.Count == 0)
            return writer.ToArray();
        var (k0, k1) = Keys(key);
        var range = (ulong)distinct.Count * M;
        var values = distinct.Select(item => Map(SipHash.Hash(k0, k1, item), range)).Order().ToList();
        var bits = new BitWriter();
        ulong previous = 0;
        foreach (var value in values)
        {
            var delta = value - previous;
            previous = value;
            for (var q = delta >> P; q > 0; q--)
                bits.Write(1, 1);
            bits.Write(0, 1);
            bits.Write(delta & ((1UL << P) - 1), P);
        }

        writer.WriteBytes(bits.ToArray());
        return writer.ToArray();
    }

    /// <summary>Whether any of <paramref name="queries"/> is (probably) in the set <paramref name="filter"/> built with <paramref name="key"/>.</summary>
    public static bool MatchAny(ReadOnlySpan<byte> key, byte[] filter, IEnumerable<byte[]> queries) => CountMatches(key, filter, queries, stopAtFirst: true) > 0;

    /// <summary>
    /// How many of <paramref name="queries"/> the filter (probably) holds, in one pass over its bits: the queries are
    /// hashed and sorted, then walked beside the decoded values. <paramref name="stopAtFirst"/> ends at the first match.
    /// </summary>
    public static int CountMatches(ReadOnlySpan<byte> key, byte[] filter, IEnumerable<byte[]> queries, bool stopAtFirst = false)
    {
        var reader = new ByteReader(filter);
        var count = reader.ReadCompactSize(MaxItems);
        if (count == 0)
            return 0;
        var (k0, k1) = Keys(key);
        var range = count * M;
        var wanted = queries.Select(q => Map(SipHash.Hash(k0, k1, q), range)).Order().ToList();
        var bits = new BitReader(filter.AsSpan(filter.Length - reader.Remaining).ToArray());
        ulong value = 0;
        var next = 0;
        var matches = 0;
        for (ulong i = 0; i < count && next < wanted.Count; i++)
        {
            ulong quotient = 0;
            while (bits.Read(1) == 1)
                quotient++;
            value += (quotient << P) | bits.Read(P);
            while (next < wanted.Count && wanted[next] < value)
                next++;
            while (next < wanted.Count && wanted[next] == value)
            {
                matches++;
                next++;
                if (stopAtFirst)
                    return matches;
            }
        }

        return matches;
    }

    private static (ulong K0, ulong K1) Keys(ReadOnlySpan<byte> key) =>
        key.Length >= 16
            ? (BinaryPrimitives.ReadUInt64LittleEndian(key), BinaryPrimitives.ReadUInt64LittleEndian(key[8..]))
            : throw new ArgumentException("a 16-byte key", nameof(key));

    /// <summary>Lemire's fast range: the high 64 bits of hash × range, uniform in [0, range).</summary>
    private static ulong Map(ulong hash, ulong range) => Math.BigMul(hash, range, out _);
}
