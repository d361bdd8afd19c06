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
        var command = new Command("createblockchain", "Create a blockchain and send the genesis block reward to ADDRESS.\n\nExample: blockchain_cs createblockchain -address $CENTRAL_NODE   (NODE_ID=3000)") { address, targetBits };
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var context = CliOptions.Context(result);
            var pubKeyHash = NodeContext.ParseAddress(result.GetValue(address));
            var bits = result.GetValue(targetBits);
            if (!ProofOfWork.IsValidTargetBits(bits) || bits > 64)
                throw new UserErrorException($"--target-bits must be between {ProofOfWork.MinTargetBits} and 64");
            var miner = new Miner();
            using var writer = context.LockForWriting("createblockchain", creating: true);
            using var chain = Blockchain.Create(context.DatabasePath, pubKeyHash, new ChainParameters { TargetBits = bits },
                candidate => MiningProgress.Mine(miner, candidate, "the genesis block") ?? throw new OperationCanceledException());
            Console.WriteLine("Done!");
            return 0;
        }));
        return command;
    }
}
