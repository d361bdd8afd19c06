using System.Security.Cryptography;

namespace BlockchainCs.Cli.Tests;

/// <summary>Assertions shared by the CLI tests: how a refused command must look, and that it left the files alone.</summary>
public static class CliAssert
{
    /// <summary>
    /// A refused command: exit code 1 (2 would be an unexpected error), exactly one non-empty line on stderr containing
    /// <paramref name="expected"/>, no stack trace or exception type name, and nothing on stdout.
    /// </summary>
    public static void FailsWithOneLine(CliResult result, string expected, bool allowStdOut = false)
    {
        Assert.True(result.ExitCode == 1, $"expected exit code 1\n{result}");
        var error = result.StdErr.EndsWith('\n') ? result.StdErr[..^1] : result.StdErr;
        error = error.TrimEnd('\r');
        Assert.True(error.Length > 0 && !error.Contains('\n') && !error.Contains('\r'), $"expected exactly one line on stderr\n{result}");
        Assert.True(error.Trim().Length > 0, $"the error line is blank\n{result}");
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        if (allowStdOut)
        {
            Assert.DoesNotContain("Success!", result.StdOut, StringComparison.Ordinal);
            Assert.DoesNotContain("Done!", result.StdOut, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(result.StdOut.Length == 0, $"expected nothing on stdout\n{result}");
        }
    }

    /// <summary>
    /// The name and SHA-256 of every file in <paramref name="directory"/>: compare two to prove nothing was touched or
    /// created. Writer lock files are left out: empty, left behind on purpose (as bitcoind's .lock), and .NET will not
    /// open one that another process holds.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Snapshot(string directory) =>
        new SortedDictionary<string, string>(
            Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Where(path => !path.EndsWith(".lock", StringComparison.Ordinal))
                .ToDictionary(path => Path.GetRelativePath(directory, path), path => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))),
            StringComparer.Ordinal);

    /// <summary>Runs <paramref name="command"/> and checks the directory's files are byte-identical afterwards.</summary>
    public static async Task<CliResult> LeavesFilesUnchangedAsync(string directory, Func<Task<CliResult>> command)
    {
        var before = Snapshot(directory);
        var result = await command();
        Assert.Equal(before, Snapshot(directory));
        return result;
    }
}
