namespace BlockchainCs.Network.Rpc;

/// <summary>JSON-RPC 2.0's codes and Bitcoin Core's (rpc/protocol.h), so tools written for bitcoind read ours.</summary>
public static class RpcErrorCode
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;

    /// <summary>Core's RPC_INVALID_PARAMETER.</summary>
    public const int InvalidParameter = -8;

    /// <summary>Core's RPC_INVALID_ADDRESS_OR_KEY: no such block, transaction or address.</summary>
    public const int NotFound = -5;

    /// <summary>Core's RPC_VERIFY_REJECTED: the transaction was refused.</summary>
    public const int Rejected = -26;

    /// <summary>Core's RPC_CLIENT_NODE_ALREADY_ADDED.</summary>
    public const int NodeAlreadyAdded = -23;

    /// <summary>Core's RPC_CLIENT_NODE_NOT_CONNECTED.</summary>
    public const int NodeNotConnected = -29;

    /// <summary>Core's RPC_CLIENT_INVALID_IP_OR_SUBNET.</summary>
    public const int InvalidIp = -30;

    /// <summary>Core's RPC_DESERIALIZATION_ERROR.</summary>
    public const int DeserializationError = -22;
}
