using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Core.Primitives;

/// <summary>
/// TxInput spends one earlier output (the tutorial's TXInput). <see cref="PubKey"/> is the spender's 33-byte
/// compressed public key; in a coinbase it carries arbitrary data instead (the block height among it).
/// </summary>
public sealed record TxInput(OutPoint PrevOut, byte[] Signature, byte[] PubKey)
{
    /// <summary>Limits: a compact signature is 64 bytes; a public key field or coinbase data at most 100 bytes, except the
    /// genesis coinbase's data, which may also carry the chain's alert keys (<see cref="MaxGenesisDataSize"/>).</summary>
    public const int MaxSignatureSize = 64;
    public const int MaxPubKeySize = 100;
    public const int MaxGenesisDataSize = 400;

    public void Write(ByteWriter writer, bool withSignature = true)
    {
        writer.WriteHash(PrevOut.TxId);
        writer.WriteUInt32(PrevOut.Index);
        writer.WriteVarBytes(withSignature ? Signature : []);
        writer.WriteVarBytes(PubKey);
    }

    public static TxInput Read(ref ByteReader reader)
    {
        var txId = reader.ReadHash();
        var index = reader.ReadUInt32();
        var signature = reader.ReadVarBytes(MaxSignatureSize);
        var pubKey = reader.ReadVarBytes(MaxGenesisDataSize);
        return new TxInput(new OutPoint(txId, index), signature, pubKey);
    }

    public bool Equals(TxInput? other) =>
        other is not null && PrevOut == other.PrevOut &&
        Signature.AsSpan().SequenceEqual(other.Signature) && PubKey.AsSpan().SequenceEqual(other.PubKey);

    public override int GetHashCode() => PrevOut.GetHashCode();
}
