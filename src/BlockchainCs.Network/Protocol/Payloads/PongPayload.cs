using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>Answers a ping with its nonce.</summary>
public sealed record PongPayload(ulong Nonce) : IPayload
{
    public string Command => Commands.Pong;

    public void Write(ByteWriter writer) => writer.WriteUInt64(Nonce);

    public static PongPayload Read(ref ByteReader reader) => new(reader.ReadUInt64());
}
