using System.CommandLine;

namespace BlockchainCs.Cli.Commands;

/// <summary>createwallet: a new key pair in wallet_NODE_ID.dat (cli_createwallet.go).</summary>
public static class CreateWalletCommand
{
    public static Command Create()
    {
        var command = new Command("createwallet", "Generate a new key pair and save it in the wallet file; prints its address.\n\nExample: blockchain_cs createwallet   (NODE_ID=3001)");
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var wallets = CliOptions.Context(result).LoadWallets();
            var wallet = wallets.CreateWallet();
            Console.WriteLine($"Your new address: {wallet.Address}");
            return 0;
        }));
        return command;
    }
}
