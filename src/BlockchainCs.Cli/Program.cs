using System.CommandLine;
using BlockchainCs.Cli;
using BlockchainCs.Cli.Commands;

var root = new RootCommand("blockchain_cs: a Bitcoin-style blockchain node (Building Blockchain in Go, in C#)")
{
    CliOptions.NodeId,
    CliOptions.DataDir,
    CreateBlockchainCommand.Create(),
    CreateWalletCommand.Create(),
    ListAddressesCommand.Create(),
    GetBalanceCommand.Create(),
    SendCommand.Create(),
    PrintChainCommand.Create(),
    ReindexUtxoCommand.Create(),
    StartNodeCommand.Create(),
    UtxoDigestCommand.Create(),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // One clear line, not the whole help text.
    Console.Error.WriteLine($"ERROR: {parsed.Errors[0].Message} (see 'blockchain_cs --help')");
    return 1;
}

return await parsed.InvokeAsync();
