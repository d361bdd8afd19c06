namespace BlockchainCs.Core.Chain;

/// <summary>StoreException: the chain database is missing, already exists, is not a database, is damaged or cannot be written.</summary>
public class StoreException(string message, Exception? inner = null) : Exception(message, inner);
