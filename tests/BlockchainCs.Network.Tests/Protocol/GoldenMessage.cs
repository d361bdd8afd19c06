using BlockchainCs.Network.Protocol;

namespace BlockchainCs.Network.Tests.Protocol;

/// <summary>A full message as annotated hex (see <see cref="Hex.Parse"/>) and the payload it carries.</summary>
internal sealed record GoldenMessage(string Command, string AnnotatedHex, IPayload Value)
{
    public byte[] Bytes => Hex.Parse(AnnotatedHex);

    /// <summary>The payload alone: everything after the 24-byte header.</summary>
    public byte[] PayloadBytes => Bytes[MessageFraming.HeaderSize..];
}
