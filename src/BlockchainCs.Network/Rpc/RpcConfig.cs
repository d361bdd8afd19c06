using System.Net;

namespace BlockchainCs.Network.Rpc;

/// <summary>Where the node's JSON-RPC endpoint listens and what one request may cost.</summary>
public sealed record RpcConfig
{
    public required IPEndPoint Bind { get; init; }

    /// <summary>Where the cookie is written at start (owner-only) and removed at shutdown: DATA_DIR/.cookie_NODE_ID.</summary>
    public required string CookiePath { get; init; }

    /// <summary>Bytes of one request body (a 10 MB body is refused with 413 before it is read).</summary>
    public long MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Calls in one batch.</summary>
    public int MaxBatch { get; init; } = 1_000;

    /// <summary>The default endpoint for a node port: port + 10,000 (3000 → 13000), or - 10,000 when that does not fit.</summary>
    public static int DefaultPort(int nodePort) => nodePort + 10_000 <= 65_535 ? nodePort + 10_000 : nodePort - 10_000;
}
