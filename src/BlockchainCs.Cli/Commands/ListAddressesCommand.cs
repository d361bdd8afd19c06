using System.CommandLine;

namespace BlockchainCs.Cli.Commands;

/// <summary>listaddresses: every address of the wallet file (cli_listaddress.go).</summary>
public static class ListAddressesCommand
{
    public static Command Create()
    {
        var command = new Command("listaddresses", "List all addresses from the wallet file.\n\nExample: blockchain_cs listaddresses");
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var context = CliOptions.Context(result);
            var addresses = context.LoadWallets().Addresses;
            foreach (var address in addresses)
                Console.WriteLine(address);
            // Not an error (the tutorial prints nothing): a hint on stderr, so scripts reading stdout see no address.
            if (!addresses.Any())
                Console.Error.WriteLine($"No addresses in {context.WalletPath} yet; create one with: blockchain_cs createwallet");
            return 0;
        }));
        return command;
    }
}
