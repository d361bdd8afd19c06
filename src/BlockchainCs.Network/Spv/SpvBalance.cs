namespace BlockchainCs.Network.Spv;

/// <summary>
/// What a light wallet can say about an address: coins in blocks at least the wanted depth deep (<see cref="Confirmed"/>),
/// coins in shallower blocks (<see cref="Confirming"/>, 1 to depth - 1 confirmations) and coins not in a block yet.
/// </summary>
public sealed record SpvBalance(long Confirmed, long Confirming, long Unconfirmed)
{
    public long Pending => Confirming + Unconfirmed;
}
