namespace BlockchainCs.Network.Spv;

/// <summary>A light wallet node's settings: the network's (seeds, limits, time) and its filter's false-positive rate.</summary>
public sealed record SpvConfig
{
    public required NodeConfig Network { get; init; }

    /// <summary>Compact filters (BIP 157/158, the default: private) or bloom filters (BIP 37).</summary>
    public SpvMode Mode { get; init; } = SpvMode.Filters;

    /// <summary>BIP 37 filter false-positive rate (--bloom-fp): lower downloads fewer strangers' transactions but says more about ours.</summary>
    public double FalsePositiveRate { get; init; } = 0.0001;

    /// <summary>Filtered blocks asked of the sync peer at once.</summary>
    public int MaxBlocksInFlight { get; init; } = 500;
}
