using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>
/// BIP 61: tells a peer why its message was refused. <see cref="Message"/> is the refused command;
/// <see cref="Hash"/> names the refused block or transaction and, unlike BIP 61, is always sent (zero when none).
/// </summary>
public sealed record RejectPayload(string Message, RejectCode Code, string Reason, Hash256 Hash) : IPayload
{
    public const int MaxMessageBytes = MessageFraming.CommandSize;
    public const int MaxReasonBytes = 256;

    public string Command => Commands.Reject;

    public void Write(ByteWriter writer)
    {
        if (!Enum.IsDefined(Code))
            throw new ArgumentException($"unknown reject code 0x{(byte)Code:x2}", nameof(Code));
        WireFormat.WriteString(writer, Message, MaxMessageBytes, nameof(Message));
        writer.WriteByte((byte)Code);
        WireFormat.WriteString(writer, Reason, MaxReasonBytes, nameof(Reason));
        writer.WriteHash(Hash);
    }

    public static RejectPayload Read(ref ByteReader reader)
    {
        var message = WireFormat.ReadString(ref reader, MaxMessageBytes, nameof(Message));
        var code = (RejectCode)reader.ReadByte();
        if (!Enum.IsDefined(code))
            throw new DecodeException($"unknown reject code 0x{(byte)code:x2}");
        return new RejectPayload(message, code, WireFormat.ReadString(ref reader, MaxReasonBytes, nameof(Reason)), reader.ReadHash());
    }
}
