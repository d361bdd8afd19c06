namespace BlockchainCs.Core.Chain;

/// <summary>The database (its file, directory or the whole mount) cannot be written: reads work, writes are refused.</summary>
public sealed class ReadOnlyStoreException(string message, Exception? inner = null) : StoreException(message, inner);
