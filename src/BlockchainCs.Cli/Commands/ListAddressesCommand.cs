using System.CommandLine;

namespace BlockchainCs.Cli.Commands;

/// <summary>listaddresses: every address of the wallet file (cli_listaddress.go).</summary>
public static class ListAddressesCommand
{
    public static Command Create()
    {
        var command = new Command("listaddresses", "List all addresses from the wallet file");
        command.SetAction(result => CommandRunner.Run(() =>
        {
            foreach (var address in CliOptions.Context(result).LoadWallets().Addresses)
                Console.WriteLine(address);
            return 0;
        }));
        return command;
    }
}
