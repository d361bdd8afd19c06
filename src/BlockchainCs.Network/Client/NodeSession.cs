using System.Net.Sockets;
using BlockchainCs.Network.Protocol;

namespace BlockchainCs.Network;

/// <summary>
/// One short client session with a node, as `send` and `sendalert` need: connect to the first reachable known node,
/// run the exchange, and turn every way it can fail into one <see cref="SubmitException"/> a person can read.
/// </summary>
public static class NodeSession
{
    public static async Task RunAsync(IReadOnlyList<PeerAddress> nodes, LocalNode local, TimeSpan timeout, string what,
        Func<MessageStream, LocalNode, PeerAddress, CancellationToken, Task> exchange, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var node in nodes)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            MessageStream stream;
            try
            {
                stream = await MessageStream.ConnectAsync(node, local.Magic, timeout, deadline.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                failures.Add($"{node}: {(e is SocketException s ? s.SocketErrorCode.ToString() : "timed out")}");
                continue;
            }

            await using (stream)
            {
                try
                {
                    await exchange(stream, local, node, deadline.Token);
                    return;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new SubmitException($"node {node} did not confirm {what} within {timeout.TotalSeconds:0} s");
                }
                catch (HandshakeException e)
                {
                    throw new SubmitException(e.RemoteReject is null && e.Message.Contains("another chain", StringComparison.Ordinal)
                        ? $"node {node} is on another chain (different genesis block)"
                        : $"node {node} refused the connection: {e.Message}");
                }
                catch (Exception e) when (e is IOException or SocketException or ProtocolException)
                {
                    throw new SubmitException($"the connection to node {node} failed: {e.Message}");
                }
            }
        }

        throw new SubmitException($"cannot reach any node to send {what} to ({string.Join(", ", failures)})");
    }
}
