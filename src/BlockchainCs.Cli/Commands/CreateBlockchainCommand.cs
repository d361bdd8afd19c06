using System.CommandLine;
using BlockchainCs.Cli.Progress;
using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Mining;

namespace BlockchainCs.Cli.Commands;

/// <summary>createblockchain -address ADDR: a new chain whose genesis coinbase pays ADDR (cli_createblockchain.go).</summary>
public static class CreateBlockchainCommand
{
    public static Command Create()
    {
        var address = CliOptions.Required("address", "The address that receives the genesis block reward");
        var targetBits = new Option<int>("--target-bits", "-target-bits")
        {
            Description = "Proof-of-work difficulty: a block hash must be below 2^(256 - bits); fixed for the chain",
            DefaultValueFactory = _ => ChainParameters.DefaultTargetBits,
        };
        var alertKeys = new Option<string[]>("--alertkey", "-alertkey")
        {
            Description = $"A public key (hex, from createalertkey) that may sign this chain's alerts; repeatable, at most {AlertKeys.MaxKeys}. Without one the chain has no alerts",
        };
        var threshold = new Option<int?>("--alert-threshold", "-alert-threshold")
        {
            Description = "How many of the alert keys must sign each alert [default: a majority]",
        };
        var command = new Command("createblockchain", "Create a blockchain and send the genesis block reward to ADDRESS. -alertkey (from createalertkey) names who may sign\nthe chain's alerts, for good.\n\nExample: blockchain_cs createblockchain -address $CENTRAL_NODE   (NODE_ID=3000)")
        {
            address, targetBits, alertKeys, threshold,
        };
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var context = CliOptions.Context(result);
            var pubKeyHash = NodeContext.ParseAddress(result.GetValue(address));
            var bits = result.GetValue(targetBits);
            if (!ProofOfWork.IsValidTargetBits(bits) || bits > 64)
                throw new UserErrorException($"--target-bits must be between {ProofOfWork.MinTargetBits} and 64");
            var keys = ParseAlertKeys(result.GetValue(alertKeys) ?? [], result.GetValue(threshold));
            var miner = new Miner();
            using var writer = context.LockForWriting("createblockchain", creating: true);
            using var chain = Blockchain.Create(context.DatabasePath, pubKeyHash, new ChainParameters { TargetBits = bits },
                candidate => MiningProgress.Mine(miner, candidate, "the genesis block") ?? throw new OperationCanceledException(),
                alertKeys: keys);
            if (keys is not null)
                Console.WriteLine($"Alerts on this chain need {keys.Threshold} of these {keys.Keys.Count} key(s) (written in the genesis block).");
            Console.WriteLine("Done!");
            return 0;
        }));
        return command;
    }

    private static AlertKeys? ParseAlertKeys(string[] values, int? threshold)
    {
        if (values.Length == 0)
            return threshold is null ? null : throw new UserErrorException("--alert-threshold needs alert keys (-alertkey PUBKEY, from createalertkey)");
        if (values.Length > AlertKeys.MaxKeys)
            throw new UserErrorException($"a chain has at most {AlertKeys.MaxKeys} alert keys, not {values.Length}");
        var keys = new List<byte[]>();
        foreach (var value in values)
        {
            byte[] key;
            try
            {
                key = Convert.FromHexString(value.Trim());
            }
            catch (FormatException)
            {
                throw new UserErrorException($"-alertkey '{value}' is not hex (createalertkey prints a public key to use)");
            }

            if (!AlertKeys.IsCompressedKey(key) || !Core.Crypto.Secp256k1.IsValidPublicKey(key))
                throw new UserErrorException($"-alertkey '{value}' is not a compressed secp256k1 public key (33 bytes, 02… or 03…)");
            keys.Add(key);
        }

        var k = threshold ?? AlertKeys.Majority(keys.Count);
        try
        {
            return new AlertKeys(keys, k);
        }
        catch (ArgumentException e)
        {
            throw new UserErrorException(e.Message.Split(" (Parameter", 2)[0]);
        }
    }
}
