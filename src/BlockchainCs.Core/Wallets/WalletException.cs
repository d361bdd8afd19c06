namespace BlockchainCs.Core.Wallets;

/// <summary>WalletException: the wallet file is unreadable or corrupt, or an address is not in it.</summary>
public sealed class WalletException(string message, Exception? inner = null) : Exception(message, inner);
