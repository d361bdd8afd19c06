using System.Buffers.Binary;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Core.Primitives;

/// <summary>
/// Block is the tutorial's Block: a header (previous hash, Merkle root, timestamp, target bits, nonce, height)
/// and its transactions. The hash is SHA-256(prevHash ‖ merkleRoot ‖ timestamp ‖ targetBits ‖ nonce), the three
/// integers as 8-byte big-endian, exactly like the tutorial's prepareData.
/// </summary>
public sealed class Block
{
    /// <summary>The hashed header: 32 + 32 + 8 + 8 + 8 bytes.</summary>
    public const int HashedHeaderSize = 88;

    /// <summary>The serialized header: prev, merkle, timestamp (8), target bits (4), nonce (8), height (4).</summary>
    public const int HeaderSize = 88;

    public const int MaxTransactions = 100_000;

    private Hash256? _hash;
    private byte[]? _bytes;

    public Block(long timestamp, Hash256 prevHash, Hash256 merkleRoot, int targetBits, long nonce, int height,
        IReadOnlyList<Transaction> transactions)
    {
        Timestamp = timestamp;
        PrevHash = prevHash;
        MerkleRoot = merkleRoot;
        TargetBits = targetBits;
        Nonce = nonce;
        Height = height;
        Transactions = transactions;
    }

    /// <summary>Unix seconds.</summary>
    public long Timestamp { get; }

    public Hash256 PrevHash { get; }

    public Hash256 MerkleRoot { get; }

    public int TargetBits { get; }

    public long Nonce { get; }

    public int Height { get; }

    public IReadOnlyList<Transaction> Transactions { get; }

    public Hash256 Hash => _hash ??= ComputeHash(PrevHash, MerkleRoot, Timestamp, TargetBits, Nonce);

    public bool IsGenesis => Height == 0 && PrevHash.IsZero;

    /// <summary>The tutorial's prepareData followed by one SHA-256.</summary>
    public static Hash256 ComputeHash(Hash256 prevHash, Hash256 merkleRoot, long timestamp, int targetBits, long nonce)
    {
        Span<byte> data = stackalloc byte[HashedHeaderSize];
        WriteHashedHeader(data, prevHash, merkleRoot, timestamp, targetBits, nonce);
        return Hash256.Compute(data);
    }

    public static void WriteHashedHeader(Span<byte> data, Hash256 prevHash, Hash256 merkleRoot, long timestamp, int targetBits, long nonce)
    {
        prevHash.CopyTo(data);
        merkleRoot.CopyTo(data[32..]);
        BinaryPrimitives.WriteInt64BigEndian(data[64..], timestamp);
        BinaryPrimitives.WriteInt64BigEndian(data[72..], targetBits);
        BinaryPrimitives.WriteInt64BigEndian(data[80..], nonce);
    }

    /// <summary>The same block with another nonce and timestamp (what the miner produces).</summary>
    public Block WithProof(long timestamp, long nonce) =>
        new(timestamp, PrevHash, MerkleRoot, TargetBits, nonce, Height, Transactions);

    public byte[] ToBytes()
    {
        if (_bytes is not null)
            return _bytes;
        var writer = new ByteWriter(HeaderSize + 16 + Transactions.Sum(t => t.Size));
        WriteHeader(writer);
        writer.WriteCompactSize((ulong)Transactions.Count);
        foreach (var tx in Transactions)
            tx.Write(writer);
        return _bytes = writer.ToArray();
    }

    public void Write(ByteWriter writer) => writer.WriteBytes(ToBytes());

    public void WriteHeader(ByteWriter writer)
    {
        writer.WriteHash(PrevHash);
        writer.WriteHash(MerkleRoot);
        writer.WriteInt64(Timestamp);
        writer.WriteInt32(TargetBits);
        writer.WriteInt64(Nonce);
        writer.WriteInt32(Height);
    }

    public static Block Read(ref ByteReader reader)
    {
        var prev = reader.ReadHash();
        var merkle = reader.ReadHash();
        var timestamp = reader.ReadInt64();
        var bits = reader.ReadInt32();
        var nonce = reader.ReadInt64();
        var height = reader.ReadInt32();
        var count = reader.ReadCount(MaxTransactions, 2);
        var txs = new Transaction[count];
        for (var i = 0; i < count; i++)
            txs[i] = Transaction.Read(ref reader);
        return new Block(timestamp, prev, merkle, bits, nonce, height, txs);
    }

    public static Block FromBytes(ReadOnlySpan<byte> bytes)
    {
        var reader = new ByteReader(bytes);
        var block = Read(ref reader);
        reader.EnsureEnd();
        return block;
    }

    public override string ToString() => $"Block {Hash} at height {Height}";
}
