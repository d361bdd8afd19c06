using System.CommandLine;
using BlockchainCs.Cli;
using BlockchainCs.Cli.Commands;

// First of all, so that a signal in the first instant is a clean shutdown too.
Shutdown.Register();

var root = new RootCommand("blockchain_cs: a Bitcoin-style blockchain node (Building Blockchain in Go, in C#)")
{
    CliOptions.NodeId,
    CliOptions.DataDir,
    CliOptions.SyncFull,
    CreateBlockchainCommand.Create(),
    CreateWalletCommand.Create(),
    ListAddressesCommand.Create(),
    GetBalanceCommand.Create(),
    ListTransactionsCommand.Create(),
    SendCommand.Create(),
    PrintChainCommand.Create(),
    ReindexUtxoCommand.Create(),
    StartNodeCommand.Create(),
    UtxoDigestCommand.Create(),
    CreateAlertKeyCommand.Create(),
    SendAlertCommand.Create(),
};
foreach (var command in RpcCommands.Create())
    root.Subcommands.Add(command);

foreach (var option in root.Options.OfType<VersionOption>())
    option.Action = new VersionAction();

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
    return CommandRunner.UsageError(root, parsed);

CommandRunner.CommandName = parsed.CommandResult.Command == root ? null : parsed.CommandResult.Command.Name;
if (Shutdown.Decide(graceful: CommandRunner.CommandName == StartNodeCommand.Name) is { } signalled)
    return signalled;
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, Shutdown.Token);
