using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>Announces transactions and blocks the sender has (the tutorial's inv). At most <see cref="InventoryList.MaxItems"/> items.</summary>
public sealed record InvPayload(IReadOnlyList<InventoryVector> Items) : IPayload
{
    public string Command => Commands.Inv;

    public void Write(ByteWriter writer) => InventoryList.Write(writer, Items);

    public static InvPayload Read(ref ByteReader reader) => new(InventoryList.Read(ref reader));

    public bool Equals(InvPayload? other) => other is not null && SequenceEquality.Equal(Items, other.Items);

    public override int GetHashCode() => SequenceEquality.Hash(Items);
}
