using BlockchainCs.Core.Consensus;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network.Protocol;

/// <summary>
/// The largest payload each command can legitimately have, checked against a message's length field before a byte of
/// its payload is read: a peer that declares 32 MiB for a ping is cut off at the header. Before the handshake only a
/// version fits (<see cref="BeforeHandshake"/>). <see cref="MessageFraming.MaxPayloadSize"/> stays the absolute cap.
/// </summary>
public static class PayloadLimits
{
    /// <summary>What a peer may send before the handshake is done: a version message is well under 1 KiB.</summary>
    public const int BeforeHandshake = 1_024;

    /// <summary>Commands we do not know are read and ignored (Bitcoin's rule), up to this size.</summary>
    public const int UnknownCommand = 256 * 1024;

    private const int InventoryListSize = 9 + (Protocol.InventoryList.MaxItems * InventoryVector.Size);

    private static readonly Dictionary<string, int> s_limits = new()
    {
        [Commands.Version] = BeforeHandshake,
        [Commands.Verack] = 0,
        [Commands.GetAddr] = 0,
        [Commands.Mempool] = 0,
        [Commands.FilterClear] = 0,
        [Commands.Ping] = 8,
        [Commands.FeeFilter] = 8,
        [Commands.Alert] = AlertPayload.MaxSize,
        [Commands.Pong] = 8,
        [Commands.GetBlocks] = 4 + 3 + (GetBlocksPayload.MaxLocatorHashes * 32) + 32,
        [Commands.GetHeaders] = 4 + 3 + (GetHeadersPayload.MaxLocatorHashes * 32) + 32,
        [Commands.Inv] = InventoryListSize,
        [Commands.GetData] = InventoryListSize,
        [Commands.NotFound] = InventoryListSize,
        [Commands.Block] = ChainParameters.MaxBlockSize,
        [Commands.Tx] = ChainParameters.MaxTransactionSize,
        [Commands.Addr] = 3 + (AddrPayload.MaxAddresses * (8 + 8 + 3 + NetworkAddress.MaxHostBytes + 2)),
        [Commands.Reject] = 1 + RejectPayload.MaxMessageBytes + 1 + 3 + RejectPayload.MaxReasonBytes + 32,
        [Commands.Headers] = 3 + (HeadersPayload.MaxHeaders * HeadersPayload.EntrySize),
        [Commands.FilterLoad] = 5 + FilterLoadPayload.MaxFilterBytes + 9,
        [Commands.FilterAdd] = 3 + FilterAddPayload.MaxDataBytes,
        [Commands.MerkleBlock] = Core.Primitives.Block.HeaderSize + 4 + 5 + (MerkleBlockPayload.MaxHashes * 32) + 5 + MerkleBlockPayload.MaxFlagBytes(uint.MaxValue),
    };

    /// <summary>The limit for <paramref name="command"/> once the handshake is done.</summary>
    public static int For(string command) => s_limits.TryGetValue(command, out var limit) ? limit : UnknownCommand;

    /// <summary>
    /// The limit for <paramref name="command"/> before the handshake: a version, a verack, or a reject explaining why the
    /// connection is refused; anything else may have no payload (and is refused for coming too early anyway).
    /// </summary>
    public static int ForHandshake(string command) => command is Commands.Version or Commands.Verack or Commands.Reject ? For(command) : 0;
}
