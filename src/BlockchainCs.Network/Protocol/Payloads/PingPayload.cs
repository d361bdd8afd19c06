using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>Checks that a connection is alive; answered with a pong carrying the same nonce.</summary>
public sealed record PingPayload(ulong Nonce) : IPayload
{
    public string Command => Commands.Ping;

    public void Write(ByteWriter writer) => writer.WriteUInt64(Nonce);

    public static PingPayload Read(ref ByteReader reader) => new(reader.ReadUInt64());
}
