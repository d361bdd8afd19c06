using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BlockchainCs.Network;

/// <summary>PeerAddress is a HOST:PORT a node can be reached at (the tutorial's "localhost:3000" strings).</summary>
public sealed record PeerAddress(string Host, int Port)
{
    public static PeerAddress DefaultSeed { get; } = new("localhost", 3000);

    /// <summary>Parses "host:port" or "[v6]:port"; false for anything else.</summary>
    public static bool TryParse(string? text, out PeerAddress address)
    {
        address = DefaultSeed;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        text = text.Trim();
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            return false;
        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        if (host.Length == 0 || host.Length > 255 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
            return false;
        address = new PeerAddress(host, port);
        return true;
    }

    /// <summary>The same node whatever the spelling of loopback ("localhost" and 127.0.0.1 are one node; 127.0.0.2 is another).</summary>
    public string Key => $"{Canonical(Host)}:{Port}";

    private static string Canonical(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            ? "127.0.0.1"
            : host.ToLowerInvariant();

    /// <summary>The IP of this address when it is one (or "localhost"), else null (a name to look up).</summary>
    public IPAddress? Ip => Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(Host, out var parsed) ? parsed : null;

    /// <summary>
    /// Connects <paramref name="socket"/> here, from <paramref name="localIp"/> when given (a node dials from the IP it
    /// listens on, so its peers see and ban its real address). "localhost" means IPv4 loopback, where nodes listen by
    /// default (a name lookup could answer ::1 first); a literal IP is used as is; any other name is looked up.
    /// </summary>
    public async Task ConnectAsync(Socket socket, IPAddress? localIp, CancellationToken cancellationToken)
    {
        var ip = Ip;
        if (localIp is not null && !localIp.Equals(IPAddress.Any) && !localIp.Equals(IPAddress.IPv6Any)
            && (ip is null || ip.AddressFamily == localIp.AddressFamily))
            socket.Bind(new IPEndPoint(localIp, 0));
        if (ip is not null)
            await socket.ConnectAsync(new IPEndPoint(ip, Port), cancellationToken);
        else
            await socket.ConnectAsync(Host, Port, cancellationToken);
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
