using System.Text.Json.Nodes;

namespace BlockchainCs.Network.Rpc;

/// <summary>
/// JSON-RPC 2.0 requests to methods: one call or a batch (at most <see cref="RpcConfig.MaxBatch"/>), positional
/// parameters as bitcoin-cli sends them, a notification (no id) answered with nothing. A method's
/// <see cref="RpcException"/> becomes its error; anything else is an internal error, logged, never a crash.
/// </summary>
public sealed class RpcDispatcher(RpcMethods methods, int maxBatch)
{
    public async Task<JsonNode?> DispatchAsync(JsonNode? request)
    {
        if (request is not JsonArray batch)
            return await CallAsync(request);
        if (batch.Count == 0)
            return Error(null, RpcErrorCode.InvalidRequest, "invalid request: an empty batch");
        if (batch.Count > maxBatch)
            return Error(null, RpcErrorCode.InvalidRequest, $"invalid request: a batch of {batch.Count} calls; at most {maxBatch}");
        var responses = new JsonArray();
        foreach (var call in batch)
            if (await CallAsync(call) is { } response)
                responses.Add(response);
        return responses.Count == 0 ? null : responses;
    }

    private async Task<JsonNode?> CallAsync(JsonNode? call)
    {
        if (call is not JsonObject request || request["method"] is not JsonValue methodValue || !methodValue.TryGetValue<string>(out var method))
            return Error(null, RpcErrorCode.InvalidRequest, "invalid request: expected an object with a \"method\" string");
        var isNotification = !request.ContainsKey("id");
        var id = request["id"]?.DeepClone();
        var parameters = request["params"] switch
        {
            null => [],
            JsonArray array => array,
            _ => null,
        };
        JsonNode response;
        if (parameters is null)
        {
            response = Error(id, RpcErrorCode.InvalidParams, "invalid params: pass them as an array (positional, as bitcoin-cli does)");
        }
        else
        {
            try
            {
                var result = await methods.CallAsync(method, parameters);
                response = new JsonObject { ["jsonrpc"] = "2.0", ["result"] = result, ["id"] = id };
            }
            catch (RpcException e)
            {
                response = Error(id, e.Code, e.Message);
            }
        }

        return isNotification ? null : response;
    }

    public static JsonObject Error(JsonNode? id, int code, string message) => new()
    {
        ["jsonrpc"] = "2.0",
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
        ["id"] = id,
    };
}
