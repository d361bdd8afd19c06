using System.Net;
using System.Security.Cryptography;
using System.Text;
using BlockchainCs.Network.Rpc;
using Microsoft.AspNetCore.Http;

namespace BlockchainCs.Network.Page;

/// <summary>
/// Who may read the live page. The page shows the node's peers and mempool, so it is not public even on loopback:
/// like Jupyter, the node prints an address carrying a key (derived from the RPC cookie, so only someone who can read
/// the cookie file or the node's own output has it); opening it once sets an HttpOnly, SameSite=Strict browser cookie
/// and redirects to the bare address. The key opens reads only: every method that changes the node stays behind the
/// RPC's POST with the cookie itself. The Host header must name this machine when bound to loopback, so another site
/// whose name points at 127.0.0.1 (DNS rebinding) is refused too.
/// </summary>
public sealed class PageAccess(RpcCookie cookie, bool loopbackOnly)
{
    private static readonly byte[] s_purpose = "blockchain_cs live page"u8.ToArray();

    /// <summary>The key in the page's address: the first 128 bits of HMAC-SHA256(cookie secret, purpose), in hex.</summary>
    public string Key { get; } = KeyFor(cookie.Secret);

    public static string KeyFor(string cookieSecret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.ASCII.GetBytes(cookieSecret), s_purpose))[..32];

    /// <summary>Browsers share cookies between the ports of one host, so the name carries the port.</summary>
    public static string CookieName(int port) => $"blockchain_cs_page_{port}";

    /// <summary>The address to open: http://HOST:PORT/?key=KEY (an unspecified bind address is reached through loopback).</summary>
    public static string Address(IPEndPoint endpoint, string key)
    {
        var ip = endpoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : endpoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : endpoint.Address;
        return $"http://{new IPEndPoint(ip, endpoint.Port)}/?key={key}";
    }

    public bool IsKey(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), Encoding.ASCII.GetBytes(Key));

    /// <summary>A request that may read: the page's browser cookie, or the RPC cookie as HTTP Basic (tools, tests).</summary>
    public bool Allows(HttpRequest request) =>
        cookie.Accepts(request.Headers.Authorization)
        || (request.Cookies.TryGetValue(CookieName(request.Host.Port ?? 80), out var value) && IsKey(value));

    /// <summary>The Set-Cookie value a correct key earns: this port's page only, never sent by another site's requests.</summary>
    public string SessionCookie(HttpRequest request) =>
        $"{CookieName(request.Host.Port ?? 80)}={Key}; Path=/; HttpOnly; SameSite=Strict";

    public bool HostAllowed(HttpRequest request)
    {
        if (!loopbackOnly)
            return true;
        var host = request.Host.Host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
