namespace BlockchainCs.Network.Spv;

/// <summary>How a light wallet finds its blocks.</summary>
public enum SpvMode
{
    /// <summary>BIP 157/158: it fetches every block's compact filter and tests it itself; a node learns only which whole blocks it then fetches.</summary>
    Filters,

    /// <summary>BIP 37: it hands full nodes a bloom filter of its addresses; they send merkleblocks of what matches.</summary>
    Bloom,
}
