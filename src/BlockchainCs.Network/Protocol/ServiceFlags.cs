namespace BlockchainCs.Network.Protocol;

/// <summary>What a node offers, announced in version and addr (uint64 on the wire).</summary>
[Flags]
public enum ServiceFlags : ulong
{
    None = 0,

    /// <summary>A full node that stores and serves the whole chain (Bitcoin's NODE_NETWORK).</summary>
    Network = 1,

    /// <summary>Accepts BIP 37 bloom filters (Bitcoin's NODE_BLOOM).</summary>
    Bloom = 4,

    /// <summary>Serves BIP 157 compact block filters (Bitcoin's NODE_COMPACT_FILTERS).</summary>
    CompactFilters = 64,

    /// <summary>BlockchainCs only: this node mines (the tutorial's miner node).</summary>
    Miner = 1UL << 24,

    /// <summary>BlockchainCs only: a light wallet that keeps headers, not blocks.</summary>
    Spv = 1UL << 25,
}
