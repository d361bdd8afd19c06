using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>Asks for the objects named (the tutorial's getdata), answered with block, tx, merkleblock or notfound. At most <see cref="InventoryList.MaxItems"/> items.</summary>
public sealed record GetDataPayload(IReadOnlyList<InventoryVector> Items) : IPayload
{
    public string Command => Commands.GetData;

    public void Write(ByteWriter writer) => InventoryList.Write(writer, Items);

    public static GetDataPayload Read(ref ByteReader reader) => new(InventoryList.Read(ref reader));

    public bool Equals(GetDataPayload? other) => other is not null && SequenceEquality.Equal(Items, other.Items);

    public override int GetHashCode() => SequenceEquality.Hash(Items);
}
