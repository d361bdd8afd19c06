using System.Net.Sockets;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network;

/// <summary>
/// TransactionSubmitter is what `send` (without -mine) does: it connects to the first reachable known node as a light
/// client, hands it the transaction and waits until that node has it in its mempool. After the tx it asks for the same
/// tx back (getdata): a node processes one peer's messages in order, so the answer is `tx` when it accepted it, and
/// `reject` (with the reason) or `notfound` when it did not.
/// </summary>
public static class TransactionSubmitter
{
    public static async Task SubmitAsync(Transaction tx, IReadOnlyList<PeerAddress> nodes, Hash256 genesis, TimeSpan timeout,
        CancellationToken cancellationToken, NetworkMagic? magic = null)
    {
        var failures = new List<string>();
        foreach (var node in nodes)
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await node.ConnectAsync(socket, deadline.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                failures.Add($"{node}: {(e is SocketException s ? s.SocketErrorCode.ToString() : "timed out")}");
                continue;
            }

            await using var stream = new NetworkStream(socket, ownsSocket: false);
            try
            {
                await ExchangeAsync(stream, tx, node, genesis, magic ?? NetworkMagic.Main, deadline.Token);
                return;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SubmitException($"ERROR: node {node} did not confirm the transaction within {timeout.TotalSeconds:0} s");
            }
            catch (Exception e) when (e is IOException or SocketException or ProtocolException)
            {
                throw new SubmitException($"ERROR: the connection to node {node} failed: {e.Message}");
            }
        }

        throw new SubmitException($"ERROR: cannot reach any node to send the transaction to ({string.Join(", ", failures)})");
    }

    private static async Task ExchangeAsync(NetworkStream stream, Transaction tx, PeerAddress node, Hash256 genesis, NetworkMagic magic,
        CancellationToken cancellationToken)
    {
        async Task SendAsync(IPayload payload) =>
            await stream.WriteAsync(MessageFraming.Encode(magic, payload), cancellationToken);

        await SendAsync(new VersionPayload(VersionPayload.CurrentProtocolVersion, (ulong)ServiceFlags.None, DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            0, genesis, new NetworkAddress(0, "", 0), (ulong)Random.Shared.NextInt64(), "/blockchain_cs:send/"));
        var sentTransaction = false;
        while (true)
        {
            var message = await MessageFraming.ReadAsync(stream, magic, MessageFraming.MaxPayloadSize, cancellationToken)
                ?? throw new SubmitException($"ERROR: node {node} closed the connection before accepting the transaction");
            switch (PayloadCodec.Decode(message))
            {
                case VersionPayload version when version.GenesisHash != genesis:
                    throw new SubmitException($"ERROR: node {node} is on another chain (different genesis block)");
                case VersionPayload:
                    await SendAsync(new VerackPayload());
                    break;
                case VerackPayload when !sentTransaction:
                    sentTransaction = true;
                    await SendAsync(new TxPayload(tx));
                    await SendAsync(new GetDataPayload([new InventoryVector(InventoryType.Tx, tx.Id)]));
                    break;
                case PingPayload ping:
                    await SendAsync(new PongPayload(ping.Nonce));
                    break;
                case RejectPayload reject when reject.Message == Commands.Version:
                    throw new SubmitException($"ERROR: node {node} refused the connection: {reject.Reason}");
                case RejectPayload reject when reject.Hash == tx.Id:
                    throw new SubmitException($"ERROR: node {node} rejected the transaction: {reject.Reason}");
                case TxPayload echoed when echoed.Transaction.Id == tx.Id:
                    return;
                case NotFoundPayload notFound when notFound.Items.Any(i => i.Hash == tx.Id):
                    throw new SubmitException($"ERROR: node {node} did not put the transaction in its mempool (its inputs are unknown to it)");
            }
        }
    }
}
