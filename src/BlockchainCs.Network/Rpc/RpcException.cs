namespace BlockchainCs.Network.Rpc;

/// <summary>A JSON-RPC error with Bitcoin Core's code where one exists (see <see cref="RpcErrorCode"/>).</summary>
public sealed class RpcException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
