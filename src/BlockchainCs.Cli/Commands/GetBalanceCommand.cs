using System.CommandLine;

namespace BlockchainCs.Cli.Commands;

/// <summary>
/// getbalance -address ADDR: the sum of ADDR's unspent outputs, through the UTXO index (cli_getbalance.go). On a light
/// wallet (startnode -spv) it counts only what lies at least --min-conf blocks deep, and says what is pending.
/// </summary>
public static class GetBalanceCommand
{
    public static Command Create()
    {
        var address = CliOptions.Required("address", "The address to get the balance of");
        var minConf = new Option<int>("--min-conf", "-min-conf")
        {
            Description = "Light wallet: confirmations a payment needs to count (its block and the blocks on top)",
            DefaultValueFactory = _ => Network.Spv.SpvWallet.DefaultMinConfirmations,
        };
        var command = new Command("getbalance", "Get the balance of ADDRESS. On a light wallet (startnode -spv), the coins at least 6 blocks deep\n(--min-conf), then what is pending.\n\nExample: blockchain_cs getbalance -address $WALLET_1") { address, minConf };
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var context = CliOptions.Context(result);
            var text = result.GetValue(address)!;
            var pubKeyHash = NodeContext.ParseAddress(text);
            if (context.IsLightWallet)
            {
                var wanted = result.GetValue(minConf);
                if (wanted < 1)
                    throw new UserErrorException("--min-conf must be at least 1");
                using var store = context.ReadLightWallet();
                var balance = Network.Spv.SpvWallet.Balance(store.LoadTransactions(), pubKeyHash, wanted);
                Console.WriteLine($"Balance of '{text}': {balance.Confirmed}");
                Console.WriteLine(wanted == 1
                    ? $"Pending: {balance.Pending} ({balance.Unconfirmed} unconfirmed)"
                    : $"Pending: {balance.Pending} ({balance.Confirming} with {(wanted == 2 ? "1" : $"1-{wanted - 1}")} confirmation{(wanted == 2 ? "" : "s")}, {balance.Unconfirmed} unconfirmed)");
                return 0;
            }

            using var chain = context.ReadChain();
            Console.WriteLine($"Balance of '{text}': {chain.Utxo.GetBalance(pubKeyHash)}");
            return 0;
        }));
        return command;
    }
}
