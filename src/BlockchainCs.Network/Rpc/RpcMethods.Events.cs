using System.Text.Json.Nodes;

namespace BlockchainCs.Network.Rpc;

/// <summary>The node's event feed: getrecentevents (the live page streams the same events).</summary>
public sealed partial class RpcMethods
{
    private JsonNode GetRecentEvents(JsonArray parameters)
    {
        var afterId = Number(parameters, 0, "after_id", 0);
        return new JsonArray([.. _node.Events.Since(afterId).Select(e => (JsonNode)e.ToJson())]);
    }
}
