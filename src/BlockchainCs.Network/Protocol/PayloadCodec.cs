using BlockchainCs.Core.Serialization;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network.Protocol;

/// <summary>Turns a message's raw payload into its typed <see cref="IPayload"/> and back.</summary>
public static class PayloadCodec
{
    public static IPayload? Decode(Message message) => Decode(message.Command, message.Payload);

    /// <summary>
    /// The typed payload, or null for a command we do not know (ignore it, as Bitcoin nodes do). The payload
    /// must be consumed exactly; any malformation is a <see cref="ProtocolException"/>.
    /// </summary>
    public static IPayload? Decode(string command, ReadOnlySpan<byte> payload)
    {
        var reader = new ByteReader(payload);
        try
        {
            IPayload? result = command switch
            {
                Commands.Version => VersionPayload.Read(ref reader),
                Commands.Verack => VerackPayload.Read(ref reader),
                Commands.GetBlocks => GetBlocksPayload.Read(ref reader),
                Commands.Inv => InvPayload.Read(ref reader),
                Commands.GetData => GetDataPayload.Read(ref reader),
                Commands.NotFound => NotFoundPayload.Read(ref reader),
                Commands.Block => BlockPayload.Read(ref reader),
                Commands.Tx => TxPayload.Read(ref reader),
                Commands.Addr => AddrPayload.Read(ref reader),
                Commands.GetAddr => GetAddrPayload.Read(ref reader),
                Commands.Ping => PingPayload.Read(ref reader),
                Commands.Pong => PongPayload.Read(ref reader),
                Commands.Mempool => MempoolPayload.Read(ref reader),
                Commands.Reject => RejectPayload.Read(ref reader),
                Commands.GetHeaders => GetHeadersPayload.Read(ref reader),
                Commands.Headers => HeadersPayload.Read(ref reader),
                Commands.FilterLoad => FilterLoadPayload.Read(ref reader),
                Commands.FilterAdd => FilterAddPayload.Read(ref reader),
                Commands.FilterClear => FilterClearPayload.Read(ref reader),
                Commands.MerkleBlock => MerkleBlockPayload.Read(ref reader),
                Commands.GetCFilters or Commands.GetCFHeaders => FilterRangeRequestPayload.Read(command, ref reader),
                Commands.CFilter => CFilterPayload.Read(ref reader),
                Commands.CFHeaders => CFHeadersPayload.Read(ref reader),
                Commands.GetCFCheckpt => GetCFCheckptPayload.Read(ref reader),
                Commands.CFCheckpt => CFCheckptPayload.Read(ref reader),
                Commands.FeeFilter => FeeFilterPayload.Read(ref reader),
                Commands.Alert => AlertPayload.Read(ref reader),
                _ => null,
            };
            if (result is not null)
                reader.EnsureEnd();
            return result;
        }
        catch (DecodeException e)
        {
            throw new ProtocolException($"malformed {command} payload: {e.Message}", e);
        }
    }

    public static byte[] Encode(IPayload payload)
    {
        var writer = new ByteWriter();
        payload.Write(writer);
        return writer.ToArray();
    }
}
