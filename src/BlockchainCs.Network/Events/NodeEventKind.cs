namespace BlockchainCs.Network.Events;

/// <summary>The kinds of <see cref="NodeEvent"/> (the page styles and reacts to each).</summary>
public static class NodeEventKind
{
    public const string Block = "block";
    public const string BlockDisconnected = "block-disconnected";
    public const string Transaction = "tx";
    public const string PeerConnected = "peer-connected";
    public const string PeerDisconnected = "peer-disconnected";
    public const string Misbehaving = "misbehaving";
    public const string Banned = "banned";
    public const string Alert = "alert";
    public const string FeeRaised = "fee-raised";
}
