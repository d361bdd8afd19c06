using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>Answers getdata for objects the sender does not have. At most <see cref="InventoryList.MaxItems"/> items.</summary>
public sealed record NotFoundPayload(IReadOnlyList<InventoryVector> Items) : IPayload
{
    public string Command => Commands.NotFound;

    public void Write(ByteWriter writer) => InventoryList.Write(writer, Items);

    public static NotFoundPayload Read(ref ByteReader reader) => new(InventoryList.Read(ref reader));

    public bool Equals(NotFoundPayload? other) => other is not null && SequenceEquality.Equal(Items, other.Items);

    public override int GetHashCode() => SequenceEquality.Hash(Items);
}
