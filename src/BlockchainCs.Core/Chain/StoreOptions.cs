namespace BlockchainCs.Core.Chain;

/// <summary>
/// How a chain database is opened. <see cref="ReadOnly"/>: for commands that only read - nothing is written, not even
/// the WAL set-up, so they work on a read-only mount or a full disk. <see cref="SyncFull"/>: SQLite's synchronous=FULL,
/// which also survives an OS crash or power cut at the price of an fsync per block (the default, NORMAL, survives any
/// process crash; an OS crash can lose the last blocks, which peers give back).
/// </summary>
public sealed record StoreOptions(bool ReadOnly = false, bool SyncFull = false)
{
    public static StoreOptions Default { get; } = new();

    public static StoreOptions Reading { get; } = new(ReadOnly: true);
}
