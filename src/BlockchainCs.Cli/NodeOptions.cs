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
    public static PeerAddress ParseListen(string? value, string nodeId)
    {
        if (!string.IsNullOrWhiteSpace(value))
            return PeerAddress.TryParse(value, out var address) ? address : throw new UserErrorException($"--listen '{value}' is not HOST:PORT");
        if (int.TryParse(nodeId, out var port) && port is > 0 and <= 65535)
            return new PeerAddress("localhost", port);
        throw new UserErrorException($"NODE_ID '{nodeId}' is not a port number; pass --listen HOST:PORT");
    }
}
