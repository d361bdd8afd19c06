using System.CommandLine;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network;
using BlockchainCs.Network.Alerts;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Cli.Commands;

/// <summary>
/// sendalert -message TEXT -expires HOURS [-cancel ID]... [-priority N] [-key FILE]...: signs an alert with K of the
/// chain's alert keys (from its genesis block) and hands it to a node, which relays it to the whole network.
/// </summary>
public static class SendAlertCommand
{
    public static Command Create()
    {
        var message = CliOptions.Required("message", $"The alert's text: printable ASCII, at most {AlertBody.MaxMessageBytes} characters");
        var expires = new Option<int>("--expires", "-expires") { Description = $"Hours until it expires (at most {AlertBody.MaxLifetime.TotalHours:0})", Required = true };
        var cancel = new Option<int[]>("--cancel", "-cancel") { Description = "The id of an earlier alert this one cancels (repeatable)" };
        var priority = new Option<int>("--priority", "-priority") { Description = "Its priority: a full node keeps the 16 highest", DefaultValueFactory = _ => 1 };
        var keys = new Option<string[]>("--key", "-key") { Description = "An alert key file to sign with (repeatable) [default: every alertkey_*.key in the data directory]" };
        var id = new Option<int?>("--id", "-id") { Description = "The alert's id [default: a random one]" };
        var minVersion = new Option<int>("--min-version", "-min-version") { Description = "The lowest protocol version it is for (others relay it without showing it)" };
        var maxVersion = new Option<int>("--max-version", "-max-version") { Description = "The highest protocol version it is for", DefaultValueFactory = _ => int.MaxValue };
        var forge = new Option<bool>("--forge", "-forge")
        {
            Description = "A lesson: sign with the given keys as they are, even keys that are not this chain's or too few, to watch a node refuse the forgery and disconnect",
        };
        var seeds = NodeOptions.Seeds();
        var command = new Command("sendalert", "Sign an alert with K of this chain's alert keys and hand it to a node, which relays it to every node.\nAlerts only show text in each node's log and listalerts; nothing acts on them.\n\nExample: blockchain_cs sendalert -message \"Upgrade to 1.1 before block 500\" -expires 24")
        {
            message, expires, cancel, priority, keys, id, minVersion, maxVersion, forge, seeds,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var context = CliOptions.Context(result);
            var hours = result.GetValue(expires);
            if (hours < 1 || hours > AlertBody.MaxLifetime.TotalHours)
                throw new UserErrorException($"-expires must be 1 to {AlertBody.MaxLifetime.TotalHours:0} hours, not {hours}");
            var text = result.GetValue(message)!;
            if (text.Length is 0 or > AlertBody.MaxMessageBytes || text.Any(c => c is < ' ' or > '~'))
                throw new UserErrorException($"-message must be 1 to {AlertBody.MaxMessageBytes} printable ASCII characters");
            var alertId = result.GetValue(id) ?? Random.Shared.Next(1, int.MaxValue);
            if (alertId <= 0)
                throw new UserErrorException($"-id must be positive, not {alertId}");

            using var chain = context.ReadChain();
            var chainKeys = chain.AlertKeys
                ?? throw new UserErrorException("this chain has no alert keys: its genesis block names none (createblockchain -alertkey PUBKEY makes a chain with alerts)");
            var signers = new List<(int Index, byte[] PrivateKey)>();
            var forging = result.GetValue(forge);
            foreach (var file in KeyFiles(result.GetValue(keys), context.DataDirectory))
            {
                if (forging)
                {
                    // Whatever the keys are, they claim the first key indexes: what a forger would send.
                    signers.Add((signers.Count, AlertKeyFile.Load(file).PrivateKey));
                    continue;
                }

                var key = AlertKeyFile.Load(file);
                var index = chainKeys.Keys.ToList().FindIndex(k => k.AsSpan().SequenceEqual(key.PublicKey));
                if (index < 0)
                    throw new UserErrorException($"{file} holds a key that is not one of this chain's alert keys");
                if (signers.All(s => s.Index != index))
                    signers.Add((index, key.PrivateKey));
            }

            if (signers.Count < chainKeys.Threshold && !forging)
                throw new UserErrorException($"this chain's alerts need {chainKeys.Threshold} of its {chainKeys.Keys.Count} alert keys; {signers.Count} given (-key FILE)");

            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var body = new AlertBody(alertId, result.GetValue(cancel) ?? [], now, now + (hours * 3600L), result.GetValue(minVersion), result.GetValue(maxVersion),
                result.GetValue(priority), text);
            if (body.Problem() is { } problem)
                throw new UserErrorException(problem);
            var alert = AlertPayload.Sign(body, signers.Take(chainKeys.Threshold));
            var nodes = NodeOptions.ParseSeeds(result.GetValue(seeds));
            await AlertSubmitter.SubmitAsync(alert, nodes, chain.GenesisHash, TimeSpan.FromSeconds(15), cancellationToken);
            Console.WriteLine($"Alert {alertId} signed by {chainKeys.Threshold} of {chainKeys.Keys.Count} keys and accepted by the node (hash {alert.Hash})");
            return 0;
        }));
        return command;
    }

    private static IEnumerable<string> KeyFiles(string[]? given, string dataDirectory)
    {
        if (given is { Length: > 0 })
            return given;
        var found = Directory.GetFiles(dataDirectory, "alertkey_*.key").Order(StringComparer.Ordinal).ToList();
        return found.Count > 0 ? found : throw new UserErrorException($"no alert key: -key FILE, or alertkey_*.key files in {dataDirectory} (createalertkey makes one)");
    }
}
