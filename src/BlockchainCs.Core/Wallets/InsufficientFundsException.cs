namespace BlockchainCs.Core.Wallets;

/// <summary>The sender's spendable outputs do not cover the amount (the tutorial's "Not enough funds").</summary>
public sealed class InsufficientFundsException(long available, long needed)
    : Exception($"Not enough funds: balance {available}, needed {needed}")
{
    public long Available { get; } = available;

    public long Needed { get; } = needed;
}
