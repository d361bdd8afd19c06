namespace BlockchainCs.Network;

/// <summary>
/// Bitcoin Core's misbehaviour model: every offence adds points to the peer's score; at <see cref="BanThreshold"/> it
/// is disconnected and its IP banned. Consensus failures and protocol violations cost the whole threshold at once;
/// things an honest peer can do now and then cost less. Policy refusals (a full pool, a low fee, something already
/// known) are not offences at all.
/// </summary>
public static class Misbehavior
{
    public const int BanThreshold = 100;

    public static int Points(Offence offence) => offence switch
    {
        Offence.UnconnectingHeaders => 20,
        _ => BanThreshold,
    };
}
