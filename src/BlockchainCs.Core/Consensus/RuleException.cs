namespace BlockchainCs.Core.Consensus;

/// <summary>RuleException reports a broken consensus rule with its code (btcd's RuleError).</summary>
public sealed class RuleException(RuleErrorCode code, string description) : Exception(description)
{
    public RuleErrorCode Code { get; } = code;

    public override string ToString() => $"{Code}: {Message}";
}
