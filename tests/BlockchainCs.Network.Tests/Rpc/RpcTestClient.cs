using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BlockchainCs.Network.Rpc;

namespace BlockchainCs.Network.Tests.Rpc;

/// <summary>An HTTP client for a node's RPC endpoint, with the node's cookie (or a chosen Authorization header).</summary>
public sealed class RpcTestClient(IPEndPoint endpoint, string? authorization) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static RpcTestClient For(Network.Node node) =>
        new(node.Rpc!.Endpoint, RpcCookie.ReadAuthorization(node.Config.Rpc!.CookiePath));

    public Task<HttpResponseMessage> PostAsync(string body, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://{endpoint}/") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (authorization is not null)
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        return _http.SendAsync(request);
    }

    /// <summary>One call; returns the whole response object (result or error).</summary>
    public async Task<JsonObject> CallAsync(string method, params JsonNode?[] parameters)
    {
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 7, ["method"] = method, ["params"] = new JsonArray(parameters) };
        using var response = await PostAsync(body.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("2.0", (string?)answer["jsonrpc"]);
        Assert.Equal(7, (int?)answer["id"]);
        return answer;
    }

    public async Task<JsonNode?> ResultAsync(string method, params JsonNode?[] parameters)
    {
        var answer = await CallAsync(method, parameters);
        Assert.True(answer["error"] is null, answer.ToJsonString());
        return answer["result"];
    }

    public async Task<int> ErrorCodeAsync(string method, params JsonNode?[] parameters)
    {
        var answer = await CallAsync(method, parameters);
        Assert.True(answer["error"] is JsonObject, answer.ToJsonString());
        return (int)answer["error"]!["code"]!;
    }

    public void Dispose() => _http.Dispose();
}
