using System.Text.Json.Nodes;

namespace BlockchainCs.Network.Rpc;

/// <summary>Alerts: listalerts.</summary>
public sealed partial class RpcMethods
{
    private JsonNode ListAlerts() => new JsonArray([.. _node.Alerts.Live(_node.Time.GetUtcNow()).Select(alert => (JsonNode)new JsonObject
    {
        ["id"] = alert.Parsed.Id,
        ["hash"] = alert.Hash.ToString(),
        ["priority"] = alert.Parsed.Priority,
        ["created"] = alert.Parsed.Created,
        ["expires"] = alert.Parsed.Expires,
        ["cancel"] = new JsonArray([.. alert.Parsed.Cancel.Select(id => JsonValue.Create(id))]),
        ["minversion"] = alert.Parsed.MinVersion,
        ["maxversion"] = alert.Parsed.MaxVersion,
        ["applies"] = alert.Parsed.AppliesTo(Protocol.Payloads.VersionPayload.CurrentProtocolVersion),
        ["signatures"] = alert.Signatures.Count,
        ["message"] = alert.Parsed.Message,
    })]);
}
