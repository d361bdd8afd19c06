namespace BlockchainCs.Cli.Tests.Readme;

/// <summary>
/// The README, run as a reader runs it: every shell block typed line by line, as printed, into the terminal it names
/// (real shells in tmux, in a network namespace of their own), waiting where the reader waits, pressing Ctrl-C where
/// the README says so, and checking what the README says each block prints. Every command must succeed unless its
/// block says it is meant to fail. So the README cannot drift from what the program does.
/// </summary>
public sealed class ReadmeWalkTests : IDisposable
{
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(120);

    private readonly string _directory = Directory.CreateTempSubdirectory("blockchain_cs_readme_").FullName;

    [Fact]
    public void Parse_EveryShellBlockOfTheReadme_SaysHowItIsRun()
    {
        var steps = ReadmeScript.Parse(File.ReadAllText(Path.Combine(Repository(), "README.md")));

        Assert.True(steps.Count >= 10, $"only {steps.Count} shell blocks found");
        Assert.All(steps, step => Assert.True(step.SkipReason is not null || step.Commands.Any(c => c.Trim().Length > 0), $"{step} is empty"));
    }

    [Fact]
    public void Parse_AShellBlockWithoutItsAnnotation_IsRefused()
    {
        var error = Assert.Throws<FormatException>(() => ReadmeScript.Parse("text\n\n```sh\nblockchain_cs createwallet\n```\n"));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AnAnnotatedBlock_GivesItsActions()
    {
        var steps = ReadmeScript.Parse("""
            <!-- readme-test: terminal 1 2; until "Node listening; ok"; ctrl-c; expect "Done!"; await 3 "ALERT" -->
            ```sh
            export NODE_ID=3000
            blockchain_cs startnode
            ```
            """);

        var step = Assert.Single(steps);
        Assert.Equal([1, 2], step.Terminals);
        Assert.Equal("Node listening; ok", step.Until);
        Assert.True(step.CtrlCAfter);
        Assert.Equal(["Done!"], step.Expects);
        Assert.Equal((3, "ALERT"), (step.AwaitTerminal, step.AwaitText));
        Assert.Equal(["export NODE_ID=3000", "blockchain_cs startnode"], step.Commands);
    }

    [Fact]
    public async Task Readme_EveryShellBlock_RunsAsPrinted()
    {
        var repository = Repository();
        Assert.SkipUnless(File.Exists(Path.Combine(repository, "bin", "blockchain_cs")), "bin/blockchain_cs is not published (scripts/build.sh; scripts/test.sh does it first)");
        var steps = ReadmeScript.Parse(File.ReadAllText(Path.Combine(repository, "README.md")));
        var (terminals, reason) = await TmuxTerminals.TryStartAsync(_directory, repository);
        Assert.SkipWhen(terminals is null, reason ?? "");
        await using (terminals)
        {
            var running = new Dictionary<int, int>(); // terminal → prompts shown when its last command was left running
            foreach (var step in steps.Where(s => s.SkipReason is null))
            {
                foreach (var terminal in step.Terminals)
                {
                    var failure = await RunAsync(terminals!, step, terminal, running);
                    if (failure is not null)
                        Assert.Fail($"{step}: {failure}\n{await terminals!.DescribeAsync()}");
                }
            }
        }
    }

    /// <summary>Runs one block in one terminal; the reason it failed, or null.</summary>
    private static async Task<string?> RunAsync(TmuxTerminals terminals, ReadmeStep step, int terminal, Dictionary<int, int> running)
    {
        if (step.AwaitTerminal is { } other && !await terminals.WaitForTextAsync(other, step.AwaitText!, 0, s_commandTimeout))
            return $"terminal {other} never showed '{step.AwaitText}'";
        if (running.Remove(terminal, out var prompts))
        {
            if (step.CtrlCFirst)
                await terminals.CtrlCAsync(terminal);
            if (!await terminals.WaitForPromptAsync(terminal, prompts, s_commandTimeout))
                return "the command left running in this terminal did not end";
        }
        else if (step.CtrlCFirst)
        {
            return "ctrl-c-first, but nothing was left running in this terminal";
        }

        var mark = terminals.Mark(terminal);
        var statusesBefore = terminals.Prompts(terminal);
        var commands = step.Commands.Where(c => c.Trim().Length > 0).ToList();
        for (var i = 0; i < commands.Count; i++)
        {
            var before = terminals.Prompts(terminal);
            var lineMark = terminals.Mark(terminal);
            await terminals.TypeAsync(terminal, commands[i]);
            if (i == commands.Count - 1 && step.Until is { } until)
            {
                if (!await terminals.WaitForTextAsync(terminal, until, lineMark, s_commandTimeout))
                    return $"'{commands[i]}' never printed '{until}'";
                if (!step.CtrlCAfter)
                {
                    running[terminal] = before;
                    break;
                }

                await terminals.CtrlCAsync(terminal);
            }

            if (!await terminals.WaitForPromptAsync(terminal, before, s_commandTimeout))
                return $"'{commands[i]}' did not finish within {s_commandTimeout.TotalSeconds:0} s";
        }

        var output = terminals.OutputSince(terminal, mark);
        var failed = terminals.Statuses(terminal).Skip(statusesBefore).Any(status => status != 0);
        if (!step.MayFail && (failed || output.Contains("error:", StringComparison.Ordinal)))
            return $"a command failed (exit statuses {string.Join(' ', terminals.Statuses(terminal).Skip(statusesBefore))})";
        foreach (var expected in step.Expects.Where(e => !output.Contains(e, StringComparison.Ordinal)))
            return $"expected '{expected}' in its output";
        return null;
    }

    private static string Repository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "BlockchainCs.sln")))
                return directory.FullName;
        throw new InvalidOperationException($"no BlockchainCs.sln above {AppContext.BaseDirectory}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a terminal's output copy may still be closing; scripts/test.sh removes its whole temporary folder anyway
        }
    }
}
