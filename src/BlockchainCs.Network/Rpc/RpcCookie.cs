using System.Security.Cryptography;
using System.Text;

namespace BlockchainCs.Network.Rpc;

/// <summary>
/// bitcoind's cookie authentication: at start the node writes a random secret to <c>.cookie_NODE_ID</c> beside its
/// files, readable by its owner only, and removes it at shutdown; a client on the same machine reads it and sends
/// <c>__cookie__:SECRET</c> as HTTP Basic credentials. Nothing to configure, nothing guessable.
/// </summary>
public sealed class RpcCookie : IDisposable
{
    public const string User = "__cookie__";

    private readonly byte[] _expected;

    private RpcCookie(string path, string secret)
    {
        Path = path;
        Secret = secret;
        _expected = Encoding.ASCII.GetBytes("Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{User}:{secret}")));
    }

    public string Path { get; }

    public string Secret { get; }

    public static string PathFor(string dataDirectory, string nodeId) => System.IO.Path.Combine(dataDirectory, $".cookie_{nodeId}");

    /// <summary>Writes a fresh cookie (owner-only from its creation, replaced atomically).</summary>
    public static RpcCookie Create(string path)
    {
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temp, options))
            file.Write(Encoding.ASCII.GetBytes($"{User}:{secret}"));
        File.Move(temp, path, overwrite: true);
        return new RpcCookie(path, secret);
    }

    /// <summary>The Authorization header value a client sends, from a cookie file; null when there is none.</summary>
    public static string? ReadAuthorization(string path) =>
        ReadSecret(path) is { } secret ? "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{User}:{secret}")) : null;

    /// <summary>The secret of a cookie file; null when there is none (or it is not a cookie).</summary>
    public static string? ReadSecret(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return text.StartsWith(User + ":", StringComparison.Ordinal) ? text[(User.Length + 1)..] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether an Authorization header carries this cookie (compared in constant time).</summary>
    public bool Accepts(string? authorization) =>
        authorization is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(authorization), _expected);

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the next start replaces it.
        }
    }
}
