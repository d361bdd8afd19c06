namespace BlockchainCs.Core.Chain;

/// <summary>
/// The disk (or the database's size limit) was full while writing: nothing of the failed write was kept (SQLite rolled the
/// transaction back). A transient fault of the machine, not of the data: a node pauses and retries when space returns.
/// </summary>
public sealed class StorageFullException(string message, Exception? inner = null) : StoreException(message, inner);
