namespace BlockchainCs.Network;

/// <summary>The node cannot start (port in use, bad listen address, …): one clear line for the user.</summary>
public sealed class NodeStartException(string message, Exception? inner = null) : Exception(message, inner);
