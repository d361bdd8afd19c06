using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>NodeServer is the accept loop (Garnet's shape): each accepted connection becomes its own <see cref="Peer"/> task.</summary>
public sealed class NodeServer : IDisposable
{
    private readonly Socket _listener;
    private readonly ILogger _log;

    private NodeServer(Socket listener, ILogger log)
    {
        _listener = listener;
        _log = log;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Binds and listens; throws <see cref="NodeStartException"/> when the address cannot be used (port in use, unknown host).</summary>
    public static NodeServer Listen(PeerAddress address, ILogger log)
    {
        IPAddress ip;
        try
        {
            ip = ResolveListenAddress(address.Host);
        }
        catch (SocketException e)
        {
            throw new NodeStartException($"cannot listen on {address}: unknown host ({e.Message})");
        }

        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(ip, address.Port));
            socket.Listen(128);
            return new NodeServer(socket, log);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            var why = e.SocketErrorCode == SocketError.AddressAlreadyInUse ? "the port is already in use" : e.Message;
            throw new NodeStartException($"cannot listen on {address}: {why}");
        }
    }

    public static IPAddress ResolveListenAddress(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return IPAddress.Loopback;
        if (host is "*" or "0.0.0.0")
            return IPAddress.Any;
        return IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
    }

    /// <summary>Accepts connections until cancelled, handing each to <paramref name="onAccepted"/>.</summary>
    public async Task AcceptLoopAsync(Action<Socket> onAccepted, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var socket = await _listener.AcceptAsync(cancellationToken);
                onAccepted(socket);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException e)
            {
                _log.LogWarning("Accept failed: {Error}", e.Message);
            }
            catch (ObjectDisposedException)
            {
                break;
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
