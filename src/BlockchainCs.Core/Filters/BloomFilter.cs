using System.Buffers.Binary;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Core.Filters;

/// <summary>
/// A BIP 37 bloom filter: a bit field tested by <see cref="HashFunctions"/> MurmurHash3 functions seeded
/// <c>i * 0xFBA4C795 + tweak</c>, at most <see cref="MaxBytes"/> bytes and <see cref="MaxHashFunctions"/> functions (what
/// one filter may cost a serving node per transaction). A client builds it from its keys; a serving node loads a peer's,
/// tests transactions against it (<see cref="IsRelevantAndUpdate"/>) and, as the flags ask, adds the outpoints of
/// matching outputs. Safe to use from several threads.
/// </summary>
public sealed class BloomFilter
{
    public const int MaxBytes = 36_000;
    public const uint MaxHashFunctions = 50;
    private const uint SeedStep = 0xFBA4C795;
    private const double Ln2 = 0.6931471805599453094;

    private readonly Lock _gate = new();
    private readonly byte[] _data;

    /// <summary>A filter from its parts (a peer's filterload); refuses what exceeds BIP 37's limits.</summary>
    public BloomFilter(byte[] data, uint hashFunctions, uint tweak, BloomFlags flags)
    {
        if (data.Length > MaxBytes)
            throw new ArgumentException($"a filter of {data.Length} bytes; at most {MaxBytes}", nameof(data));
        if (hashFunctions > MaxHashFunctions)
            throw new ArgumentException($"{hashFunctions} hash functions; at most {MaxHashFunctions}", nameof(hashFunctions));
        _data = [.. data];
        HashFunctions = hashFunctions;
        Tweak = tweak;
        Flags = (BloomFlags)((byte)flags & 3);
    }

    /// <summary>
    /// An empty filter sized for <paramref name="elements"/> items at <paramref name="falsePositiveRate"/> (BIP 37's
    /// formulas: -n·ln(p)/ln(2)² bits, (bits/n)·ln(2) functions, both capped).
    /// </summary>
    public static BloomFilter Create(int elements, double falsePositiveRate, uint tweak, BloomFlags flags)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(elements, 1);
        if (falsePositiveRate is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(falsePositiveRate), "must be between 0 and 1");
        var bits = Math.Min((uint)(-1 / (Ln2 * Ln2) * elements * Math.Log(falsePositiveRate)), MaxBytes * 8u);
        // At least one byte: an empty filter would match everything. The division is whole, as Bitcoin Core's.
        var bytes = Math.Max(1, (int)(bits / 8));
        var functions = Math.Min((uint)((uint)(bytes * 8) / (uint)elements * Ln2), MaxHashFunctions);
        return new BloomFilter(new byte[bytes], functions, tweak, flags);
    }

    public uint HashFunctions { get; }

    public uint Tweak { get; }

    public BloomFlags Flags { get; }

    public int SizeBytes => _data.Length;

    public byte[] Data
    {
        get
        {
            lock (_gate)
                return [.. _data];
        }
    }

    public void Insert(ReadOnlySpan<byte> element)
    {
        lock (_gate)
            InsertLocked(element);
    }

    public bool Contains(ReadOnlySpan<byte> element)
    {
        lock (_gate)
            return ContainsLocked(element);
    }

    public static byte[] OutPointKey(OutPoint outPoint)
    {
        var key = new byte[Hash256.Size + 4];
        outPoint.TxId.CopyTo(key);
        BinaryPrimitives.WriteUInt32LittleEndian(key.AsSpan(Hash256.Size), outPoint.Index);
        return key;
    }

    /// <summary>
    /// BIP 37's test, mapped onto our transactions (which have no scripts): the transaction id; each output's
    /// public-key hash (with <see cref="BloomFlags.All"/> a match adds that output's outpoint, so its spender matches
    /// later); then each input's outpoint, signature and public key.
    /// </summary>
    public bool IsRelevantAndUpdate(Transaction tx)
    {
        Span<byte> id = stackalloc byte[Hash256.Size];
        tx.Id.CopyTo(id);
        lock (_gate)
        {
            // An empty filter matches everything (and must not divide by zero).
            if (_data.Length == 0)
                return true;
            var found = ContainsLocked(id);
            for (var i = 0; i < tx.Outputs.Count; i++)
            {
                if (!ContainsLocked(tx.Outputs[i].PubKeyHash))
                    continue;
                found = true;
                if (Flags == BloomFlags.All)
                    InsertLocked(OutPointKey(new OutPoint(tx.Id, (uint)i)));
            }

            if (found)
                return true;
            if (tx.IsCoinbase)
                return false;
            foreach (var input in tx.Inputs)
            {
                if (ContainsLocked(OutPointKey(input.PrevOut)) || ContainsLocked(input.Signature) || ContainsLocked(input.PubKey))
                    return true;
            }

            return false;
        }
    }

    /// <summary>The filter as filterload carries it: the bit field with its length, the function count, the tweak, the flags.</summary>
    public byte[] Serialize()
    {
        lock (_gate)
        {
            var writer = new ByteWriter(_data.Length + 14);
            writer.WriteCompactSize((ulong)_data.Length);
            writer.WriteBytes(_data);
            writer.WriteUInt32(HashFunctions);
            writer.WriteUInt32(Tweak);
            writer.WriteByte((byte)Flags);
            return writer.ToArray();
        }
    }

    private uint BitIndex(uint function, ReadOnlySpan<byte> element) =>
        MurmurHash3.Hash(unchecked((function * SeedStep) + Tweak), element) % (uint)(_data.Length * 8);

    private void InsertLocked(ReadOnlySpan<byte> element)
    {
        if (_data.Length == 0)
            return;
        for (uint i = 0; i < HashFunctions; i++)
        {
            var bit = BitIndex(i, element);
            _data[bit >> 3] |= (byte)(1 << (int)(bit & 7));
        }
    }

    private bool ContainsLocked(ReadOnlySpan<byte> element)
    {
        if (_data.Length == 0)
            return true;
        for (uint i = 0; i < HashFunctions; i++)
        {
            var bit = BitIndex(i, element);
            if ((_data[bit >> 3] & (1 << (int)(bit & 7))) == 0)
                return false;
        }

        return true;
    }
}
