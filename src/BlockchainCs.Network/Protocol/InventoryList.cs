using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol;

/// <summary>The list codec shared by inv, getdata and notfound: CompactSize count ‖ count × inventory vector.</summary>
public static class InventoryList
{
    /// <summary>Bitcoin's MAX_INV_SZ. Announce more by sending several inv messages.</summary>
    public const int MaxItems = 50_000;

    public static void Write(ByteWriter writer, IReadOnlyList<InventoryVector> items)
    {
        WireFormat.WriteCount(writer, items.Count, MaxItems, "inventory");
        foreach (var item in items)
            item.Write(writer);
    }

    public static InventoryVector[] Read(ref ByteReader reader)
    {
        var items = new InventoryVector[WireFormat.ReadCount(ref reader, MaxItems, InventoryVector.Size, "inventory")];
        for (var i = 0; i < items.Length; i++)
            items[i] = InventoryVector.Read(ref reader);
        return items;
    }
}
