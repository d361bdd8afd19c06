using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Chain;

/// <summary>
/// BlockAddResult tells what adding a block did. On a connect or reorganisation, <see cref="Disconnected"/> (tip
/// first) and <see cref="Connected"/> (oldest first) let the mempool take back or drop transactions.
/// </summary>
public sealed record BlockAddResult(BlockAddStatus Status, IReadOnlyList<Block> Disconnected, IReadOnlyList<Block> Connected)
{
    public static BlockAddResult Of(BlockAddStatus status) => new(status, [], []);

    public bool ChangedTip => Status is BlockAddStatus.Connected or BlockAddStatus.Reorganized;
}
