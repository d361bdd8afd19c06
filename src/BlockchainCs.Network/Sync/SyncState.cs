namespace BlockchainCs.Network;

/// <summary>What the single writer holds, as of its last step: readable from any thread (tests, logs, RPC).</summary>
public sealed record SyncState(int OrphanBlocks, long OrphanBlockBytes, int OrphanTransactions, long OrphanTransactionBytes, int BlocksInFlight)
{
    public static SyncState Empty { get; } = new(0, 0, 0, 0, 0);
}
