using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Core.Primitives;

/// <summary>TxOutput locks <see cref="Value"/> coins to the owner of a public-key hash (the tutorial's TXOutput).</summary>
public sealed record TxOutput(long Value, byte[] PubKeyHash)
{
    public const int PubKeyHashSize = 20;

    /// <summary>True when this output is locked to <paramref name="pubKeyHash"/> (the tutorial's IsLockedWithKey).</summary>
    public bool IsLockedWith(ReadOnlySpan<byte> pubKeyHash) => PubKeyHash.AsSpan().SequenceEqual(pubKeyHash);

    public void Write(ByteWriter writer)
    {
        writer.WriteInt64(Value);
        writer.WriteVarBytes(PubKeyHash);
    }

    public static TxOutput Read(ref ByteReader reader)
    {
        var value = reader.ReadInt64();
        var hash = reader.ReadVarBytes(PubKeyHashSize);
        return new TxOutput(value, hash);
    }

    public bool Equals(TxOutput? other) =>
        other is not null && Value == other.Value && PubKeyHash.AsSpan().SequenceEqual(other.PubKeyHash);

    public override int GetHashCode() => HashCode.Combine(Value, PubKeyHash.Length > 0 ? PubKeyHash[0] : 0);
}
