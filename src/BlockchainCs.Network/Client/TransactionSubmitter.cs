using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network;

/// <summary>
/// TransactionSubmitter is what `send` (without -mine) does: it connects to the first reachable known node as a light
/// client (the one <see cref="Handshake"/>, through a <see cref="MessageStream"/>), hands it the transaction and waits
/// until that node has it in its mempool. After the tx it asks for the same tx back (getdata): a node processes one
/// peer's messages in order, so the answer is `tx` when it accepted it, and `reject` (with the reason) or `notfound`
/// when it did not.
/// </summary>
public static class TransactionSubmitter
{
    public const string UserAgent = "/blockchain_cs:send/";

    public static Task SubmitAsync(Transaction tx, IReadOnlyList<PeerAddress> nodes, Hash256 genesis, TimeSpan timeout,
        CancellationToken cancellationToken, NetworkMagic? magic = null, int height = 0) =>
        NodeSession.RunAsync(nodes, LocalNode.Client(magic ?? NetworkMagic.Main, genesis, height, UserAgent), timeout, "the transaction",
            (stream, local, node, token) => ExchangeAsync(stream, local, tx, node, token), cancellationToken);

    private static async Task ExchangeAsync(MessageStream stream, LocalNode local, Transaction tx, PeerAddress node, CancellationToken cancellationToken)
    {
        await stream.HandshakeAsync(local, (ulong)Random.Shared.NextInt64(1, long.MaxValue), cancellationToken);
        await stream.SendAsync(new TxPayload(tx), cancellationToken);
        await stream.SendAsync(new GetDataPayload([new InventoryVector(InventoryType.Tx, tx.Id)]), cancellationToken);
        while (true)
        {
            switch (await stream.ReceiveAsync(cancellationToken))
            {
                case null:
                    throw new SubmitException($"node {node} closed the connection before accepting the transaction");
                case PingPayload ping:
                    await stream.SendAsync(new PongPayload(ping.Nonce), cancellationToken);
                    break;
                case RejectPayload reject when reject.Hash == tx.Id:
                    throw new SubmitException($"node {node} rejected the transaction: {SafeText.Sanitize(reject.Reason)}");
                case TxPayload echoed when echoed.Transaction.Id == tx.Id:
                    return;
                case NotFoundPayload notFound when notFound.Items.Any(i => i.Hash == tx.Id):
                    throw new SubmitException($"node {node} did not put the transaction in its mempool (its inputs are unknown to it)");
            }
        }
    }
}
