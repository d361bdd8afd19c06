using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using System.Runtime.CompilerServices;
using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Crypto;

namespace BlockchainCs.Cli;

/// <summary>--version: the program's version and what it runs on (build kind, secp256k1 backend, SQLite version).</summary>
public sealed class VersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        Console.WriteLine(Describe());
        if (Secp256k1.IsFallback)
            Console.WriteLine($"note: {Secp256k1.InstallHint}");
        return 0;
    }

    public static string Describe()
    {
        var version = typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0)
            version = version[..plus];
        var build = RuntimeFeature.IsDynamicCodeSupported ? ".NET runtime (JIT/ReadyToRun)" : "Native AOT";
        return $"blockchain_cs {version} ({build}); secp256k1: {Secp256k1.Default.Name}; SQLite {ChainStore.SqliteVersion}";
    }
}
