namespace BlockchainCs.Cli.Rpc;

/// <summary>The node could not be reached, refused the cookie, or answered an RPC call with an error: one line, no help hint.</summary>
public sealed class RpcClientException(string message) : Exception(message);
