using System.Text.Json.Nodes;

namespace BlockchainCs.Network.Events;

/// <summary>
/// One thing that happened in the node, as the live page shows it: a block added, a transaction accepted, a peer
/// connected, disconnected or banned. <see cref="Id"/> grows by one per event, so a page that lost its stream asks for
/// what came after the last one it saw.
/// </summary>
public sealed record NodeEvent(long Id, DateTimeOffset Time, string Kind, string Text, JsonObject Detail)
{
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["time"] = Time.ToUnixTimeMilliseconds(),
        ["kind"] = Kind,
        ["text"] = Text,
        ["detail"] = Detail.DeepClone(),
    };
}
