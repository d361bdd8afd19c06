using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlockchainCs.Network.Page;
using BlockchainCs.Network.Rpc;

namespace BlockchainCs.Cli.Rpc;

/// <summary>
/// bitcoin-cli's side: finds the running node of NODE_ID (its RPC port, derived from NODE_ID unless -rpc-connect
/// says otherwise, and its cookie beside its files), makes one JSON-RPC call and returns the result.
/// </summary>
public sealed class RpcClient(NodeContext context, string? connect)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    public async Task<JsonNode?> CallAsync(string method, JsonArray parameters, CancellationToken cancellationToken)
    {
        var endpoint = Endpoint();
        var cookiePath = RpcCookie.PathFor(context.DataDirectory, context.NodeId);
        var authorization = RpcCookie.ReadAuthorization(cookiePath)
            ?? throw new RpcClientException($"no node is running for NODE_ID {context.NodeId} here (no {cookiePath}); start it with: blockchain_cs startnode");
        // A waitfor… call is answered only when its wait ends (Core's bitcoin-cli waits 900 s for any call).
        var timeout = method.StartsWith("waitfor", StringComparison.Ordinal) ? RpcMethods.MaxWait + s_timeout : s_timeout;
        using var http = new HttpClient { Timeout = timeout };
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = parameters }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{endpoint}/")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new RpcClientException($"no node answers on {endpoint} for NODE_ID {context.NodeId} ({e.Message}); start it with: blockchain_cs startnode");
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
                throw new RpcClientException($"the node on {endpoint} refused the cookie in {cookiePath} (is it another node's?)");
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? answer;
            try
            {
                answer = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                throw new RpcClientException($"the node on {endpoint} answered HTTP {(int)response.StatusCode} without JSON");
            }

            if (answer?["error"] is JsonObject error)
                throw new RpcClientException($"{method}: {error["message"]?.GetValue<string>()} (code {error["code"]})");
            return answer?["result"];
        }
    }

    /// <summary>The running node's live page address, key included (the node is asked first, so a stale cookie is not trusted).</summary>
    public async Task<string> PageAddressAsync(CancellationToken cancellationToken)
    {
        await CallAsync("uptime", [], cancellationToken);
        var secret = RpcCookie.ReadSecret(RpcCookie.PathFor(context.DataDirectory, context.NodeId))
            ?? throw new RpcClientException($"the node of NODE_ID {context.NodeId} stopped meanwhile");
        var endpoint = IPEndPoint.TryParse(Endpoint(), out var parsed) ? parsed : new IPEndPoint(IPAddress.Loopback, RpcConfig.DefaultPort(context.Port));
        return PageAccess.Address(endpoint, PageAccess.KeyFor(secret));
    }

    private string Endpoint()
    {
        if (!string.IsNullOrWhiteSpace(connect))
            return connect;
        return $"127.0.0.1:{RpcConfig.DefaultPort(context.Port)}";
    }

    /// <summary>A command-line argument as bitcoin-cli reads it: JSON when it parses (3, true, "x", [1,2]), else a string.</summary>
    public static JsonNode? Argument(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary>A result as the terminal shows it: strings bare, everything else indented JSON.</summary>
    public static string Format(JsonNode? result) => result switch
    {
        null => "null",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => result.ToJsonString(s_indented),
    };

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };
}
