using System.CommandLine;

namespace BlockchainCs.Cli.Commands;

/// <summary>getbalance -address ADDR: the sum of ADDR's unspent outputs, through the UTXO index (cli_getbalance.go).</summary>
public static class GetBalanceCommand
{
    public static Command Create()
    {
        var address = CliOptions.Required("address", "The address to get the balance of");
        var command = new Command("getbalance", "Get the balance of ADDRESS.\n\nExample: blockchain_cs getbalance -address $WALLET_1") { address };
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var context = CliOptions.Context(result);
            var text = result.GetValue(address)!;
            var pubKeyHash = NodeContext.ParseAddress(text);
            using var chain = context.ReadChain();
            Console.WriteLine($"Balance of '{text}': {chain.Utxo.GetBalance(pubKeyHash)}");
            return 0;
        }));
        return command;
    }
}
