namespace BlockchainCs.Network;

/// <summary>
/// A valid transaction refused by this node's policy (its pool is full, …): the sender hears why, and nobody is
/// punished, unlike a <see cref="Core.Consensus.RuleException"/>.
/// </summary>
public sealed class PolicyException(string message) : Exception(message);
