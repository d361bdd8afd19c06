using BlockchainCs.Network.Protocol;

namespace BlockchainCs.Network;

/// <summary>
/// A valid transaction refused by this node's policy (a fee too low, a full pool, a chain of unconfirmed transactions
/// too long): the sender hears why, with <see cref="Code"/> in its reject, and nobody is punished, unlike a
/// <see cref="Core.Consensus.RuleException"/>.
/// </summary>
public sealed class PolicyException(string message, RejectCode code = RejectCode.InsufficientFee) : Exception(message)
{
    public RejectCode Code { get; } = code;
}
