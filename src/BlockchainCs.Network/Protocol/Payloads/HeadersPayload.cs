using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>
/// Answers getheaders. Each entry is an 88-byte header followed by a transaction count that is always 0
/// (Bitcoin's layout), decoded as a <see cref="Block"/> without transactions. Blocks given with
/// transactions are sent as headers only.
/// </summary>
public sealed record HeadersPayload(IReadOnlyList<Block> Headers) : IPayload
{
    public const int MaxHeaders = 2_000;

    /// <summary>The header plus its one-byte zero count.</summary>
    public const int EntrySize = Block.HeaderSize + 1;

    public string Command => Commands.Headers;

    public void Write(ByteWriter writer)
    {
        WireFormat.WriteCount(writer, Headers.Count, MaxHeaders, nameof(Headers));
        foreach (var header in Headers)
        {
            HeaderCodec.WriteHeader(writer, header);
            writer.WriteCompactSize(0);
        }
    }

    public static HeadersPayload Read(ref ByteReader reader)
    {
        var headers = new Block[WireFormat.ReadCount(ref reader, MaxHeaders, EntrySize, nameof(Headers))];
        for (var i = 0; i < headers.Length; i++)
        {
            headers[i] = HeaderCodec.ReadHeader(ref reader);
            var transactions = reader.ReadByte();
            if (transactions != 0)
                throw new DecodeException($"header {i} claims transactions (count byte 0x{transactions:x2}); headers carry none");
        }

        return new HeadersPayload(headers);
    }

    public bool Equals(HeadersPayload? other) =>
        other is not null && SequenceEquality.Equal(Headers, other.Headers, HeaderCodec.SameHeader);

    public override int GetHashCode() => Headers.Count == 0 ? 0 : HashCode.Combine(Headers.Count, Headers[0].Hash);
}
