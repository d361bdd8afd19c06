using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlockchainCs.Network.Events;
using BlockchainCs.Network.Rpc;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network.Page;

/// <summary>
/// The node's live page on the RPC endpoint (GET only): the page itself (plain HTML, CSS and JavaScript shipped inside
/// the executable), <c>/api/METHOD?params=[...]</c> for the read-only RPC methods it shows, and <c>/events</c>, the
/// node's events as server-sent events. Nothing here changes the node.
/// </summary>
public sealed class LivePage(RpcMethods methods, NodeEvents events, PageAccess access, ILogger log, CancellationToken stopping)
{
    /// <summary>What the page may call: reads only (stop, setban, addnode, sendrawtransaction… are not here).</summary>
    public static readonly IReadOnlySet<string> ReadMethods = new HashSet<string>(StringComparer.Ordinal)
    {
        "getblockchaininfo", "getbestblockhash", "getblockcount", "getblockhash", "getblock", "getrawtransaction",
        "getmempoolinfo", "getrawmempool", "getpeerinfo", "getnetworkinfo", "getconnectioncount", "listbanned",
        "getminingstats", "getrecentblocks", "getnodegraph", "getrecentevents", "listalerts", "uptime", "help",
    };

    /// <summary>Bytes of the params query (a block hash and a verbosity need ~80).</summary>
    public const int MaxParamsLength = 1024;

    /// <summary>An idle stream sends a comment this often, so proxies and the browser see it alive.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
        if (!access.HostAllowed(request))
        {
            await WriteTextAsync(response, StatusCodes.Status403Forbidden, "text/plain", "this node's page answers to localhost and 127.0.0.1 only\n");
            return;
        }

        var path = request.Path.Value ?? "/";
        if (path == "/" && request.Query.TryGetValue("key", out var key))
        {
            if (!access.IsKey(key.ToString()))
            {
                await WriteAssetAsync(response, "locked.html", StatusCodes.Status401Unauthorized);
                return;
            }

            // The key leaves the address bar (and the history) at once; the HttpOnly cookie stands in for it.
            response.Headers.SetCookie = access.SessionCookie(request);
            response.Headers.Location = "/";
            response.StatusCode = StatusCodes.Status303SeeOther;
            return;
        }

        if (!access.Allows(request))
        {
            if (path == "/")
                await WriteAssetAsync(response, "locked.html", StatusCodes.Status401Unauthorized);
            else
                response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (path == "/events")
            await StreamEventsAsync(context);
        else if (path.StartsWith("/api/", StringComparison.Ordinal))
            await CallAsync(context, path["/api/".Length..]);
        else if (path == "/")
            await WriteAssetAsync(response, "index.html", StatusCodes.Status200OK);
        else if (PageAssets.Exists(path.TrimStart('/')) && path != "/locked.html")
            await WriteAssetAsync(response, path.TrimStart('/'), StatusCodes.Status200OK);
        else
            response.StatusCode = StatusCodes.Status404NotFound;
    }

    private async Task CallAsync(HttpContext context, string method)
    {
        if (!ReadMethods.Contains(method))
        {
            await WriteJsonAsync(context.Response, StatusCodes.Status404NotFound, Error(RpcErrorCode.MethodNotFound, $"{method} is not a read-only method of the page"));
            return;
        }

        var text = context.Request.Query["params"].ToString();
        JsonArray? parameters = [];
        if (text.Length > MaxParamsLength)
        {
            await WriteJsonAsync(context.Response, StatusCodes.Status400BadRequest, Error(RpcErrorCode.InvalidParams, $"params longer than {MaxParamsLength} characters"));
            return;
        }

        if (text.Length > 0)
        {
            try
            {
                parameters = JsonNode.Parse(text) as JsonArray;
            }
            catch (JsonException)
            {
                parameters = null;
            }
        }

        if (parameters is null)
        {
            await WriteJsonAsync(context.Response, StatusCodes.Status400BadRequest, Error(RpcErrorCode.InvalidParams, "params must be a JSON array"));
            return;
        }

        try
        {
            var result = await methods.CallAsync(method, parameters);
            await WriteJsonAsync(context.Response, StatusCodes.Status200OK, new JsonObject { ["result"] = result });
        }
        catch (RpcException e)
        {
            await WriteJsonAsync(context.Response, StatusCodes.Status400BadRequest, Error(e.Code, e.Message));
        }
    }

    /// <summary>
    /// Server-sent events: what happened after Last-Event-ID (or ?after=), then each event as it happens. A stream that
    /// falls behind is ended; the browser reconnects with its last id and catches up from the kept events.
    /// </summary>
    private async Task StreamEventsAsync(HttpContext context)
    {
        var response = context.Response;
        var after = long.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), out var lastSeen) ? lastSeen
            : long.TryParse(context.Request.Query["after"].ToString(), out var asked) ? asked
            : events.LastId;
        using var subscription = events.Subscribe(after);
        if (subscription is null)
        {
            response.Headers.RetryAfter = "5";
            await WriteTextAsync(response, StatusCodes.Status503ServiceUnavailable, "text/plain", $"at most {NodeEvents.MaxSubscribers} live pages at once\n");
            return;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        response.ContentType = "text/event-stream";
        try
        {
            await response.WriteAsync("retry: 1000\n\n", cancel.Token);
            await response.Body.FlushAsync(cancel.Token);
            while (!cancel.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
                idle.CancelAfter(KeepAlive);
                bool more;
                try
                {
                    more = await subscription.Reader.WaitToReadAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    await response.WriteAsync(": keep-alive\n\n", cancel.Token);
                    await response.Body.FlushAsync(cancel.Token);
                    continue;
                }

                if (!more)
                    return; // fell behind: the browser reconnects with Last-Event-ID
                var batch = new StringBuilder();
                while (subscription.Reader.TryRead(out var item))
                    batch.Append("id: ").Append(item.Id).Append("\ndata: ").Append(item.ToJson().ToJsonString()).Append("\n\n");
                await response.WriteAsync(batch.ToString(), cancel.Token);
                await response.Body.FlushAsync(cancel.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            log.LogDebug("Live page stream ended: {Reason}", e.Message);
        }
    }

    private static JsonObject Error(int code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static Task WriteJsonAsync(HttpResponse response, int status, JsonObject body) =>
        WriteTextAsync(response, status, "application/json", body.ToJsonString());

    private static async Task WriteTextAsync(HttpResponse response, int status, string contentType, string text)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        await response.WriteAsync(text);
    }

    private static async Task WriteAssetAsync(HttpResponse response, string name, int status)
    {
        response.StatusCode = status;
        response.ContentType = PageAssets.ContentType(name);
        if (name.EndsWith(".html", StringComparison.Ordinal))
        {
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            response.Headers.XFrameOptions = "DENY";
        }

        await response.Body.WriteAsync(PageAssets.Get(name));
    }
}
