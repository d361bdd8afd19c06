using System.Diagnostics;

namespace BlockchainCs.Cli.Tests;

/// <summary>
/// CliRunner runs the real CLI as a subprocess: the executable named by BLOCKCHAIN_CS_CLI (scripts/test.sh sets it to
/// the Native AOT bin/blockchain_cs, what users run), else <c>dotnet blockchain_cs.dll</c> copied next to the tests; in <paramref name="workingDirectory"/>, with NODE_ID set to <paramref name="nodeId"/> or removed when it is
/// null. Every run is bounded: a CLI still running at the deadline is killed and the test fails. A
/// <paramref name="wrapper"/> command line runs the CLI through another program (nsenter into a test's mount namespace).
/// </summary>
public sealed class CliRunner(string workingDirectory, string? nodeId = CliRunner.DefaultNodeId, IReadOnlyList<string>? wrapper = null)
{
    public const string DefaultNodeId = "3000";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly string s_cliDll = Path.Combine(AppContext.BaseDirectory, "blockchain_cs.dll");

    /// <summary>The published executable under test, when one is given.</summary>
    private static readonly string? s_cliExecutable = Environment.GetEnvironmentVariable("BLOCKCHAIN_CS_CLI") is { Length: > 0 } path
        ? Path.GetFullPath(path)
        : null;

    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>True when the tests run the published executable (what users run), not the JIT-hosted dll.</summary>
    public static bool RunsPublishedExecutable => s_cliExecutable is not null;

    /// <summary>
    /// True when the published executable is the Native AOT build: a ReadyToRun publish (scripts/build.sh's fallback
    /// without a C toolchain) keeps its managed code in blockchain_cs.dll beside the apphost.
    /// </summary>
    public static bool RunsNativeAotExecutable => s_cliExecutable is not null
        && !File.Exists(Path.Combine(Path.GetDirectoryName(s_cliExecutable)!, "blockchain_cs.dll"));

    /// <summary>Runs one command to its end and returns its exit code and output.</summary>
    public async Task<CliResult> RunAsync(params string[] args) => await RunWithTimeoutAsync(DefaultTimeout, args);

    public async Task<CliResult> RunWithTimeoutAsync(TimeSpan timeout, params string[] args)
    {
        using var process = Process.Start(CreateStartInfo(args))
            ?? throw new InvalidOperationException("the CLI process did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"blockchain_cs {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:0} s " +
                $"and was killed\n--- stdout ---\n{await stdout}\n--- stderr ---\n{await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running command (startnode) in the background.</summary>
    public CliProcess Start(params string[] args) => new(CreateStartInfo(args), string.Join(' ', args));

    private ProcessStartInfo CreateStartInfo(string[] args)
    {
        var program = s_cliExecutable ?? DotnetHost();
        var info = new ProcessStartInfo(wrapper is { Count: > 0 } ? wrapper[0] : program)
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (wrapper is { Count: > 0 })
        {
            foreach (var part in wrapper.Skip(1))
                info.ArgumentList.Add(part);
            info.ArgumentList.Add(program);
        }

        if (s_cliExecutable is null)
            info.ArgumentList.Add(s_cliDll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        // An explicit environment: this test's NODE_ID (or none), and no debug switch that would add stack traces.
        info.Environment.Remove("NODE_ID");
        info.Environment.Remove("BLOCKCHAIN_CS_DEBUG");
        if (nodeId is not null)
            info.Environment["NODE_ID"] = nodeId;
        return info;
    }

    /// <summary>The dotnet host running these tests (as set by the SDK), else the one on the PATH.</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
            return host;
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
            return current;
        return "dotnet";
    }
}
