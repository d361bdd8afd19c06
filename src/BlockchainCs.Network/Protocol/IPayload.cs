using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol;

/// <summary>
/// The typed body of one message. Each payload type also has a <c>static Read(ref ByteReader)</c>, which
/// <see cref="PayloadCodec"/> dispatches to by command.
/// </summary>
public interface IPayload
{
    /// <summary>The command this payload travels under (one of <see cref="Commands"/>).</summary>
    string Command { get; }

    void Write(ByteWriter writer);
}
