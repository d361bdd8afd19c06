using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network.Spv;

/// <summary>
/// A transaction of a light wallet: the transaction, when it was first seen, and where the best header chain holds it
/// (the block's height, null while unconfirmed or when its block left the best chain). <see cref="Depth"/> counts the
/// blocks from its own to the tip (1 in the tip).
/// </summary>
public sealed record WalletTransaction(Transaction Transaction, DateTimeOffset FirstSeen, int? BlockHeight, Hash256? BlockHash, int TipHeight)
{
    public int Depth => BlockHeight is { } height ? TipHeight - height + 1 : 0;
}
