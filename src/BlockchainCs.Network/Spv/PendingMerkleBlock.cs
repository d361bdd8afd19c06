using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network.Spv;

/// <summary>A merkleblock whose matched transactions are still arriving (they follow it as tx messages): leaf → position.</summary>
public sealed class PendingMerkleBlock(Hash256 block, Dictionary<Hash256, int> expected, byte[] proof)
{
    public Hash256 Block => block;

    public byte[] Proof => proof;

    public Dictionary<Hash256, int> Expected => expected;

    /// <summary>The wallet's transactions among those that arrived, with their positions (the filter's false positives are dropped).</summary>
    public List<(Transaction Tx, int Position)> Received { get; } = [];
}
