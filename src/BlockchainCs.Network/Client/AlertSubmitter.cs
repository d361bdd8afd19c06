using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network;

/// <summary>
/// What `sendalert` does once the alert is signed: hands it to the first reachable known node, then pings. A node
/// processes one peer's messages in order, so a pong means it took the alert; a reject says why it refused it; a
/// closed connection means it found the alert invalid (and banned us for it).
/// </summary>
public static class AlertSubmitter
{
    public const string UserAgent = "/blockchain_cs:sendalert/";

    public static Task SubmitAsync(AlertPayload alert, IReadOnlyList<PeerAddress> nodes, Hash256 genesis, TimeSpan timeout,
        CancellationToken cancellationToken, NetworkMagic? magic = null) =>
        NodeSession.RunAsync(nodes, LocalNode.Client(magic ?? NetworkMagic.Main, genesis, 0, UserAgent), timeout, "the alert",
            async (stream, local, node, token) =>
            {
                await stream.HandshakeAsync(local, (ulong)Random.Shared.NextInt64(1, long.MaxValue), token);
                var nonce = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
                await stream.SendAsync(alert, token);
                await stream.SendAsync(new PingPayload(nonce), token);
                while (true)
                {
                    switch (await stream.ReceiveAsync(token))
                    {
                        case null:
                            throw new SubmitException($"node {node} closed the connection: it found the alert invalid");
                        case RejectPayload reject when reject.Hash == alert.Hash:
                            throw new SubmitException($"node {node} refused the alert: {SafeText.Sanitize(reject.Reason)}");
                        case PongPayload pong when pong.Nonce == nonce:
                            return;
                        case PingPayload ping:
                            await stream.SendAsync(new PongPayload(ping.Nonce), token);
                            break;
                    }
                }
            }, cancellationToken);
}
