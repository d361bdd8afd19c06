namespace BlockchainCs.Core.Chain;

/// <summary>StoreException: the chain database is missing, already exists, is not a database, or is damaged.</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);
