using System.Net;
using System.Text.Json.Nodes;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Events;
using BlockchainCs.Network.Page;
using BlockchainCs.Network.Rpc;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Page;

/// <summary>
/// The live page's HTTP side over real loopback sockets: who may read it (the key, its HttpOnly cookie, the Host
/// check), that it only reads (the changing methods are not reachable, the page cookie does not open the RPC), bounded
/// parameters, and the event stream (live events, catching up with Last-Event-ID, at most 8 streams).
/// The browser itself is tested in Cli.Tests (CliLivePageBrowserTests).
/// </summary>
public sealed class LivePageTests(ITestOutputHelper output)
{
    private static async Task<(Network.Node Node, PageTestClient Client, string Cookie)> StartAsync(TestNetwork net)
    {
        var cookiePath = Path.Combine(net.Directory, $".cookie_{Guid.NewGuid():N}");
        var node = net.Start(c => c with { Rpc = new RpcConfig { Bind = new IPEndPoint(IPAddress.Loopback, 0), CookiePath = cookiePath } });
        await node.StartRpcAsync();
        var key = PageAccess.KeyFor(RpcCookie.ReadSecret(cookiePath)!);
        return (node, new PageTestClient(node.Rpc!.Endpoint), $"{PageAccess.CookieName(node.Rpc.Endpoint.Port)}={key}");
    }

    [Fact]
    public async Task Access_KeyEarnsAnHttpOnlySameSiteCookie_WithoutIt401_OtherHostsRefused()
    {
        await using var net = new TestNetwork(output);
        var (node, client, cookie) = await StartAsync(net);
        using var _ = client;
        Assert.EndsWith(cookie.Split('=')[1], node.Rpc!.PageAddress, StringComparison.Ordinal);

        using var locked = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("needs its key", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/?key=" + new string('0', 32))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/getpeerinfo")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/getpeerinfo", cookie + "0")).StatusCode);

        using var login = await client.GetAsync(new Uri(node.Rpc.PageAddress).PathAndQuery);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(cookie + ";", setCookie, StringComparison.Ordinal);
        Assert.Contains("HttpOnly", setCookie, StringComparison.Ordinal);
        Assert.Contains("SameSite=Strict", setCookie, StringComparison.Ordinal);

        using var page = await client.GetAsync("/", cookie);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<script src=\"/page.js\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var (asset, type) in new[] { ("/page.js", "text/javascript"), ("/page.css", "text/css") })
        {
            using var file = await client.GetAsync(asset, cookie);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.StartsWith(type, file.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/nosuch", cookie)).StatusCode);
        // Another site whose name resolves to 127.0.0.1 (DNS rebinding) is refused even with the cookie.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/getblockcount", cookie, host: $"evil.example:{node.Rpc.Endpoint.Port}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/getblockcount", cookie, host: $"localhost:{node.Rpc.Endpoint.Port}")).StatusCode);
    }

    [Fact]
    public async Task Api_ReadsOnly_ChangingMethodsUnreachable_PageCookieDoesNotOpenTheRpc_ParametersBounded()
    {
        await using var net = new TestNetwork(output);
        var (node, client, cookie) = await StartAsync(net);
        using var _ = client;

        Assert.Equal(0, (int)(await JsonAsync(await client.GetAsync("/api/getblockcount", cookie)))["result"]!);
        var genesis = (string)(await JsonAsync(await client.GetAsync("/api/getblockhash?params=[0]", cookie)))["result"]!;
        var block = await JsonAsync(await client.GetAsync($"/api/getblock?params=[\"{genesis}\",2]", cookie));
        Assert.Equal(genesis, (string)block["result"]!["hash"]!);
        var recent = (await JsonAsync(await client.GetAsync("/api/getrecentblocks?params=[5]", cookie)))["result"]!.AsArray();
        Assert.Equal(genesis, (string)Assert.Single(recent)!["hash"]!);
        var graph = (await JsonAsync(await client.GetAsync("/api/getnodegraph", cookie)))["result"]!;
        Assert.Equal(node.ListenAddress.ToString(), (string)graph["self"]!["addr"]!);
        Assert.Empty((await JsonAsync(await client.GetAsync("/api/listalerts", cookie)))["result"]!.AsArray());
        var pool = (await JsonAsync(await client.GetAsync("/api/getmempoolinfo", cookie)))["result"]!;
        Assert.Equal((0L, 50_000_000L), ((long)pool["mempoolminfee"]!, (long)pool["maxmempool"]!));

        foreach (var method in new[] { "stop", "setban", "addnode", "disconnectnode", "sendrawtransaction" })
        {
            using var refused = await client.GetAsync($"/api/{method}", cookie);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        Assert.False(node.StopRequested.IsCancellationRequested);
        // The page's cookie opens reads only: a POST to the RPC still needs the cookie file's secret.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("""{"jsonrpc":"2.0","id":1,"method":"stop"}""", cookie)).StatusCode);
        Assert.False(node.StopRequested.IsCancellationRequested);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/getblockhash?params=nope", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/getblockhash?params=[{new string('1', 2000)}]", cookie)).StatusCode);
        var outOfRange = await JsonAsync(await client.GetAsync("/api/getblockhash?params=[99]", cookie), HttpStatusCode.BadRequest);
        Assert.Equal(RpcErrorCode.InvalidParameter, (int)outOfRange["error"]!["code"]!);
    }

    [Fact]
    public async Task Events_StreamLive_CatchUpFromLastEventId_AtMostEightStreams()
    {
        await using var net = new TestNetwork(output);
        var (node, client, cookie) = await StartAsync(net);
        using var _ = client;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        using var stream = await client.GetAsync("/events", cookie, completion: HttpCompletionOption.ResponseHeadersRead, cancellationToken: deadline.Token);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(deadline.Token));

        var peer = await net.ConnectAsync(node);
        var connected = await NextEventAsync(reader, deadline.Token);
        Assert.Equal(NodeEventKind.PeerConnected, (string)connected["kind"]!);

        var payment = Payments.Pay(net.Alice, [Payments.GenesisCoin(node.Chain)], (Wallet.Generate().PubKeyHash, 10));
        Assert.Single((await node.SubmitTransactionAsync(payment)).Accepted);
        var accepted = await NextEventAsync(reader, deadline.Token);
        Assert.Equal(NodeEventKind.Transaction, (string)accepted["kind"]!);
        Assert.Equal(payment.Id.ToString(), (string)accepted["detail"]!["txid"]!);
        Assert.Equal((long)connected["id"]! + 1, (long)accepted["id"]!);

        // A browser that lost its stream reconnects with the last id it saw and gets what it missed.
        using var again = await client.GetAsync("/events", cookie, completion: HttpCompletionOption.ResponseHeadersRead, cancellationToken: deadline.Token,
            lastEventId: ((long)connected["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var againReader = new StreamReader(await again.Content.ReadAsStreamAsync(deadline.Token));
        Assert.Equal(payment.Id.ToString(), (string)(await NextEventAsync(againReader, deadline.Token))["detail"]!["txid"]!);

        var more = new List<HttpResponseMessage>();
        try
        {
            while (node.Events.SubscriberCount < NodeEvents.MaxSubscribers)
                more.Add(await client.GetAsync("/events", cookie, completion: HttpCompletionOption.ResponseHeadersRead, cancellationToken: deadline.Token));
            using var refused = await client.GetAsync("/events", cookie, cancellationToken: deadline.Token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }
        finally
        {
            more.ForEach(m => m.Dispose());
        }

        await peer.DisposeAsync();
    }

    private static async Task<JsonObject> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
                return JsonNode.Parse(line["data: ".Length..])!.AsObject();
        }

        throw new EndOfStreamException("the event stream ended");
    }

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using (response)
        {
            Assert.Equal(expected, response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        }
    }
}
