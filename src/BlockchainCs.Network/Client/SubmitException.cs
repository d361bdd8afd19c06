namespace BlockchainCs.Network;

/// <summary>A transaction could not be handed to the network: no node reachable, or the node refused it.</summary>
public sealed class SubmitException(string message) : Exception(message);
