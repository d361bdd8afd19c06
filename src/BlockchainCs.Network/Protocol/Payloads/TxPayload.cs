using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>One transaction (the tutorial's tx message), serialized exactly as <see cref="Transaction.Write"/> does.</summary>
public sealed record TxPayload(Transaction Transaction) : IPayload
{
    public string Command => Commands.Tx;

    public void Write(ByteWriter writer) => Transaction.Write(writer);

    public static TxPayload Read(ref ByteReader reader) => new(Transaction.Read(ref reader));

    // Transaction has reference equality; two payloads are equal when they carry the same bytes (signatures included).
    public bool Equals(TxPayload? other) =>
        other is not null && Transaction.ToBytes().AsSpan().SequenceEqual(other.Transaction.ToBytes());

    public override int GetHashCode() => Transaction.Id.GetHashCode();
}
