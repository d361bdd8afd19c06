namespace BlockchainCs.Network.Protocol;

/// <summary>What an <see cref="InventoryVector"/> names (uint32 on the wire, Bitcoin's values).</summary>
public enum InventoryType : uint
{
    Tx = 1,
    Block = 2,

    /// <summary>BIP 37: answer getdata with a merkleblock filtered by the peer's bloom filter, not the block.</summary>
    FilteredBlock = 3,
}
