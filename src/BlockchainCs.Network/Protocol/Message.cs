namespace BlockchainCs.Network.Protocol;

/// <summary>
/// One framed message as it travelled: its command and its raw payload (checksum already verified). Turn the
/// payload into a typed <see cref="IPayload"/> with <see cref="PayloadCodec.Decode(Message)"/>.
/// </summary>
public sealed record Message(string Command, byte[] Payload)
{
    public override string ToString() => $"{Command} ({Payload.Length} bytes)";
}
