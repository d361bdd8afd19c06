using System.CommandLine;
using BlockchainCs.Network;

namespace BlockchainCs.Cli;

/// <summary>Options of the network commands: seeds (the known nodes to contact first) and the listen address.</summary>
public static class NodeOptions
{
    public static Option<string[]> Seeds() => new("--seed", "-seed")
    {
        Description = "A known node HOST:PORT to contact first, repeatable (the tutorial's central node) [default: localhost:3000]",
        AllowMultipleArgumentsPerToken = false,
    };

    public static IReadOnlyList<PeerAddress> ParseSeeds(string[]? values)
    {
        if (values is null || values.Length == 0)
            return [PeerAddress.DefaultSeed];
        return [.. values.Select(v => PeerAddress.TryParse(v, out var address) ? address : throw new UserErrorException($"--seed '{v}' is not HOST:PORT"))];
    }

    /// <summary>--listen HOST:PORT, else localhost:NODE_ID as in the tutorial.</summary>
    public static PeerAddress ParseListen(string? value, NodeContext context)
    {
        if (string.IsNullOrWhiteSpace(value))
            return new PeerAddress("localhost", context.Port);
        return PeerAddress.TryParse(value, out var address) ? address : throw new UserErrorException($"-listen '{value}' is not HOST:PORT");
    }

    /// <summary>
    /// --rpc-bind HOST:PORT, else 127.0.0.1:NODE_ID+10000 (the address a client finds from NODE_ID alone). Loopback only
    /// unless --rpc-allow-remote, which prints a warning.
    /// </summary>
    public static Network.Rpc.RpcConfig ParseRpc(string? value, bool allowRemote, NodeContext context)
    {
        var cookie = Network.Rpc.RpcCookie.PathFor(context.DataDirectory, context.NodeId);
        if (string.IsNullOrWhiteSpace(value))
            return new() { Bind = new(System.Net.IPAddress.Loopback, Network.Rpc.RpcConfig.DefaultPort(context.Port)), CookiePath = cookie };
        if (!PeerAddress.TryParse(value, out var address))
            throw new UserErrorException($"-rpc-bind '{value}' is not HOST:PORT");
        var ip = address.Host == "localhost" ? System.Net.IPAddress.Loopback
            : System.Net.IPAddress.TryParse(address.Host, out var parsed) ? parsed
            : throw new UserErrorException($"-rpc-bind '{value}': give an IP address (or localhost)");
        if (!System.Net.IPAddress.IsLoopback(ip))
        {
            if (!allowRemote)
                throw new UserErrorException($"-rpc-bind {value} is not a loopback address; add -rpc-allow-remote to serve RPC there anyway");
            Console.Error.WriteLine($"warning: RPC on {value} can be reached from other machines; anyone with the cookie controls this node");
        }

        return new() { Bind = new(ip, address.Port), CookiePath = cookie };
    }
}
