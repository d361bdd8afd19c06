using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Rpc;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Rpc;

/// <summary>
/// The node's JSON-RPC endpoint over real HTTP on loopback: cookie authentication, bounded bodies and batches, no CORS,
/// Core's error codes, and the answers of the methods read from the node's parts.
/// </summary>
public sealed class RpcServerTests(ITestOutputHelper output)
{
    private static async Task<Network.Node> StartAsync(TestNetwork net, Action<Core.Chain.Blockchain>? prepare = null)
    {
        var cookie = Path.Combine(net.Directory, $".cookie_{Guid.NewGuid():N}");
        var node = net.Start(c => c with { Rpc = new RpcConfig { Bind = new IPEndPoint(IPAddress.Loopback, 0), CookiePath = cookie } }, prepare);
        await node.StartRpcAsync();
        return node;
    }

    [Fact]
    public async Task Authentication_NoCookieOrAWrongOne_Is401_TheCookieWorks_FileIsOwnerOnlyAndRemovedAtShutdown()
    {
        await using var net = new TestNetwork(output);
        var node = await StartAsync(net);
        var cookiePath = node.Config.Rpc!.CookiePath;
        const string call = """{"jsonrpc":"2.0","id":1,"method":"getblockcount","params":[]}""";

        using (var anonymous = new RpcTestClient(node.Rpc!.Endpoint, null))
        using (var wrong = new RpcTestClient(node.Rpc.Endpoint, "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("__cookie__:00"))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(call)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsync(call)).StatusCode);
        }

        using var client = RpcTestClient.For(node);
        Assert.Equal(0, (int)(await client.ResultAsync("getblockcount"))!);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cookiePath));

        await node.DisposeAsync();
        Assert.False(File.Exists(cookiePath), "the cookie is removed at shutdown");
    }

    [Fact]
    public async Task Bounds_TenMegabyteBody_Is413_BatchOf10000_IsRefused_NoCorsHeaders()
    {
        await using var net = new TestNetwork(output);
        var node = await StartAsync(net);
        using var client = RpcTestClient.For(node);

        // A 10 MB body is refused from its headers: the answer comes before a single byte of it is sent.
        Assert.StartsWith("HTTP/1.1 413", await RawStatusLineAsync(node, contentLength: 10 * 1024 * 1024));

        var calls = string.Join(',', Enumerable.Range(0, 10_000).Select(i => $$"""{"jsonrpc":"2.0","id":{{i}},"method":"uptime"}"""));
        var tooMany = await ReadAsync(await client.PostAsync($"[{calls}]"));
        Assert.Equal(RpcErrorCode.InvalidRequest, (int)tooMany["error"]!["code"]!);
        Assert.Contains("at most 1000", (string)tooMany["error"]!["message"]!, StringComparison.Ordinal);

        using var batch = await client.PostAsync("""[{"jsonrpc":"2.0","id":1,"method":"getblockcount"},{"jsonrpc":"2.0","method":"uptime"},{"jsonrpc":"2.0","id":3,"method":"nosuch"}]""",
            origin: "http://evil.example");
        Assert.False(batch.Headers.Contains("Access-Control-Allow-Origin"));
        var answers = (await ReadAsync(batch)).AsArray();
        Assert.Equal(2, answers.Count); // the notification (no id) gets no answer
        Assert.Equal(0, (int)answers[0]!["result"]!);
        Assert.Equal(RpcErrorCode.MethodNotFound, (int)answers[1]!["error"]!["code"]!);

        var notJson = await ReadAsync(await client.PostAsync("{not json"));
        Assert.Equal(RpcErrorCode.ParseError, (int)notJson["error"]!["code"]!);
    }

    [Fact]
    public async Task Methods_AnswerFromTheNodesParts_WithCoresErrorCodes()
    {
        await using var net = new TestNetwork(output);
        var blocks = new List<Core.Primitives.Block>();
        var node = await StartAsync(net, chain => blocks.AddRange(TestNetwork.AddBlocks(chain, 3, Wallet.Generate().PubKeyHash)));
        var peer = await net.ConnectAsync(node, bestHeight: 1);
        using var client = RpcTestClient.For(node);

        var info = (await client.ResultAsync("getblockchaininfo"))!;
        Assert.Equal(3, (int)info["blocks"]!);
        Assert.Equal(node.Chain.Tip.Hash.ToString(), (string)info["bestblockhash"]!);
        Assert.Equal(blocks[1].Hash.ToString(), (string)(await client.ResultAsync("getblockhash", 2))!);
        var block = (await client.ResultAsync("getblock", blocks[1].Hash.ToString(), 2))!;
        Assert.Equal(2, (int)block["height"]!);
        Assert.Equal(2, (int)block["confirmations"]!);
        Assert.Equal(blocks[2].Hash.ToString(), (string)block["nextblockhash"]!);
        Assert.Equal(blocks[1].Transactions[0].Id.ToString(), (string)block["tx"]![0]!["txid"]!);

        var bob = Wallet.Generate();
        var payment = Payments.Pay(net.Alice, [Payments.GenesisCoin(node.Chain)], (bob.PubKeyHash, 10));
        Assert.Equal(payment.Id.ToString(), (string)(await client.ResultAsync("sendrawtransaction", Convert.ToHexStringLower(payment.ToBytes())))!);
        Assert.Equal(1, (int)(await client.ResultAsync("getmempoolinfo"))!["size"]!);
        Assert.Equal(payment.Id.ToString(), (string)(await client.ResultAsync("getrawmempool"))![0]!);
        Assert.Equal(bob.Address, (string)(await client.ResultAsync("getrawtransaction", payment.Id.ToString(), true))!["vout"]![0]!["address"]!);
        Assert.Equal(10, (long)(await client.ResultAsync("getbalance", net.Alice.Address))!);

        var peers = (await client.ResultAsync("getpeerinfo"))!.AsArray();
        var seen = Assert.Single(peers)!;
        Assert.True((bool)seen["inbound"]!);
        Assert.Equal(0, (int)seen["banscore"]!);
        Assert.True((long)seen["bytesrecv"]! > 0);
        Assert.Equal(1, (int)(await client.ResultAsync("getconnectioncount"))!);
        Assert.Empty((await client.ResultAsync("listbanned"))!.AsArray());
        await peer.DisposeAsync();

        Assert.Equal(RpcErrorCode.MethodNotFound, await client.ErrorCodeAsync("nosuch"));
        Assert.Equal(RpcErrorCode.InvalidParameter, await client.ErrorCodeAsync("getblockhash", 99));
        Assert.Equal(RpcErrorCode.InvalidParameter, await client.ErrorCodeAsync("getblock", "xyz"));
        Assert.Equal(RpcErrorCode.NotFound, await client.ErrorCodeAsync("getblock", new string('0', 64)));
        Assert.Equal(RpcErrorCode.DeserializationError, await client.ErrorCodeAsync("sendrawtransaction", "00ff"));
        var forged = Payments.Steal(Wallet.Generate(), [Payments.GenesisCoin(node.Chain)], (bob.PubKeyHash, 10));
        Assert.Equal(RpcErrorCode.Rejected, await client.ErrorCodeAsync("sendrawtransaction", Convert.ToHexStringLower(forged.ToBytes())));
        Assert.Contains("getpeerinfo", (string)(await client.ResultAsync("help"))!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddNodeDisconnectNodeSetBan_ActOnTheConnections()
    {
        await using var net = new TestNetwork(output);
        var node = await StartAsync(net);
        var other = net.Start(name: "other");
        using var client = RpcTestClient.For(node);

        Assert.Null(await client.ResultAsync("addnode", other.ListenAddress.ToString(), "onetry"));
        await Wait.UntilAsync(() => node.ReadyPeers.Any(p => !p.Inbound), "the added node to be connected");
        Assert.Equal(RpcErrorCode.NodeAlreadyAdded, await client.ErrorCodeAsync("addnode", other.ListenAddress.ToString(), "onetry"));
        Assert.Null(await client.ResultAsync("disconnectnode", other.ListenAddress.ToString()));
        await Wait.UntilAsync(() => net.Logs(node).Contains("disconnected by hand (RPC disconnectnode)"), "the peer to be disconnected");
        Assert.Equal(RpcErrorCode.NodeNotConnected, await client.ErrorCodeAsync("disconnectnode", "127.0.0.1:1"));

        var intruder = await net.ConnectAsync(node, IPAddress.Parse("127.0.0.77"));
        Assert.Null(await client.ResultAsync("setban", "127.0.0.77", "add", 60));
        await Wait.UntilAsync(() => intruder.IsClosed, "the banned IP's peer to be disconnected");
        Assert.Equal("127.0.0.77", (string)(await client.ResultAsync("listbanned"))![0]!["address"]!);
        Assert.Equal(RpcErrorCode.InvalidIp, await client.ErrorCodeAsync("setban", "127.0.0.77", "add"));
        Assert.Null(await client.ResultAsync("setban", "127.0.0.77", "remove"));
        Assert.Empty((await client.ResultAsync("listbanned"))!.AsArray());
        Assert.Equal(RpcErrorCode.InvalidIp, await client.ErrorCodeAsync("setban", "127.0.0.77", "remove"));
        Assert.Equal(RpcErrorCode.InvalidIp, await client.ErrorCodeAsync("setban", "not-an-ip", "add"));
    }

    [Fact]
    public async Task Stop_ShutsTheNodeDownCleanly()
    {
        await using var net = new TestNetwork(output);
        var node = await StartAsync(net);
        using var client = RpcTestClient.For(node);

        Assert.Equal("blockchain_cs node stopping", (string)(await client.ResultAsync("stop"))!);

        Assert.True(node.StopRequested.IsCancellationRequested);
    }

    /// <summary>Sends only the headers of a POST declaring <paramref name="contentLength"/> bytes; returns the status line.</summary>
    private static async Task<string> RawStatusLineAsync(Network.Node node, long contentLength)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(node.Rpc!.Endpoint);
        var stream = tcp.GetStream();
        var headers = $"POST / HTTP/1.1\r\nHost: localhost\r\nAuthorization: {RpcCookie.ReadAuthorization(node.Config.Rpc!.CookiePath)}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {contentLength}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)) ?? "";
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }
    }
}
