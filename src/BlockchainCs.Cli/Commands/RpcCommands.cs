using System.CommandLine;
using System.Text.Json.Nodes;
using BlockchainCs.Cli.Rpc;

namespace BlockchainCs.Cli.Commands;

/// <summary>
/// The bitcoin-cli side of the CLI: <c>rpc METHOD [ARG...]</c> calls any method of the running node of NODE_ID, and
/// the everyday ones have their own command (getblockchaininfo, getpeerinfo, getmempoolinfo, getrawmempool, getblock
/// HASH, stop). Each prints the node's answer as JSON; <c>page</c> prints the address of its live page.
/// </summary>
public static class RpcCommands
{
    public static IEnumerable<Command> Create()
    {
        var method = new Argument<string>("method") { Description = "The method (blockchain_cs rpc help lists them)" };
        var arguments = new Argument<string[]>("arguments") { Description = "Its parameters, as JSON where they parse (3, true, [1,2]) or text", Arity = ArgumentArity.ZeroOrMore };
        var rpc = new Command("rpc", "Call any JSON-RPC method of the running node of NODE_ID.\n\nExample: blockchain_cs rpc getblockhash 0")
        {
            method, arguments, Connect(),
        };
        rpc.SetAction((result, cancellationToken) => RunAsync(result, result.GetValue(method)!, result.GetValue(arguments) ?? [], cancellationToken));
        yield return rpc;

        foreach (var (name, description) in new[]
        {
            ("getblockchaininfo", "The running node's chain: height, best block, sync progress."),
            ("getpeerinfo", "The running node's peers: address, direction, height, ping, bytes in and out, ban score."),
            ("getmempoolinfo", "The running node's mempool: transactions, bytes, memory, budget and minimum fee rates."),
            ("getrawmempool", "The ids of the transactions in the running node's mempool, best fee rate first."),
            ("listalerts", "The live alerts the running node holds (signed by this chain's alert keys)."),
            ("stop", "Stops the running node cleanly."),
        })
        {
            var command = new Command(name, $"{description}\n\nExample: blockchain_cs {name}") { Connect() };
            command.SetAction((result, cancellationToken) => RunAsync(result, name, [], cancellationToken));
            yield return command;
        }

        var hash = new Argument<string>("hash") { Description = "The block's hash" };
        var getblock = new Command("getblock", "A block of the running node, with its transactions.\n\nExample: blockchain_cs getblock $(blockchain_cs rpc getbestblockhash)")
        {
            hash, Connect(),
        };
        getblock.SetAction((result, cancellationToken) => RunAsync(result, "getblock", [result.GetValue(hash)!, "2"], cancellationToken));
        yield return getblock;

        var connect = Connect();
        var page = new Command("page", "Prints the address of the running node's live page (open it in a browser): its chain, mempool,\npeers and events, updating as they happen.\n\nExample: NODE_ID=3001 blockchain_cs page")
        {
            connect,
        };
        page.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            Console.WriteLine(await new RpcClient(CliOptions.Context(result), result.GetValue(connect)).PageAddressAsync(cancellationToken));
            return 0;
        }));
        yield return page;
    }

    private static Option<string?> Connect() => new("--rpc-connect", "-rpc-connect")
    {
        Description = "HOST:PORT of the node's RPC endpoint [default: 127.0.0.1:NODE_ID+10000]",
    };

    private static Task<int> RunAsync(ParseResult result, string method, string[] arguments, CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(async () =>
        {
            var connect = result.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--rpc-connect") is Option<string?> option
                ? result.GetValue(option)
                : null;
            var client = new RpcClient(CliOptions.Context(result), connect);
            var parameters = new JsonArray([.. arguments.Select(RpcClient.Argument)]);
            Console.WriteLine(RpcClient.Format(await client.CallAsync(method, parameters, cancellationToken)));
            return 0;
        });
}
