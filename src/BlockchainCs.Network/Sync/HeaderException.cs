namespace BlockchainCs.Network;

/// <summary>A header a light wallet refuses, with the offence it is for the peer that sent it.</summary>
public sealed class HeaderException(Offence offence, string message) : Exception(message)
{
    public Offence Offence { get; } = offence;
}
