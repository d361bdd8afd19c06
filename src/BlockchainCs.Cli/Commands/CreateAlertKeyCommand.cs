using System.CommandLine;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Cli.Commands;

/// <summary>createalertkey [-file PATH]: a new alert key pair in its own owner-only file; prints the public key.</summary>
public static class CreateAlertKeyCommand
{
    public static Command Create()
    {
        var file = new Option<string?>("--file", "-file") { Description = "Where to save the private key [default: alertkey_<first 8 hex of the public key>.key in the data directory]" };
        var command = new Command("createalertkey", "Create an alert key pair: the private key in its own file readable only by you, the public key printed\nfor createblockchain -alertkey. Keep the file offline: whoever holds K of a chain's alert keys can speak to\nevery node of it.\n\nExample: blockchain_cs createalertkey") { file };
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var context = CliOptions.Context(result);
            var chosen = result.GetValue(file);
            // The file name needs the key, the key is made with the file: a temporary name first, then the final one.
            var path = chosen ?? Path.Combine(context.DataDirectory, $".alertkey.{Environment.ProcessId}.tmp");
            var key = AlertKeyFile.Create(path);
            var publicHex = Convert.ToHexStringLower(key.PublicKey);
            if (chosen is null)
            {
                var final = Path.Combine(context.DataDirectory, $"alertkey_{publicHex[2..10]}.key");
                File.Move(path, final, overwrite: false);
                path = final;
            }

            Console.WriteLine($"Alert public key: {publicHex}");
            Console.WriteLine($"Private key saved in {Path.GetRelativePath(Directory.GetCurrentDirectory(), path)} (readable by you only)");
            return 0;
        }));
        return command;
    }
}
