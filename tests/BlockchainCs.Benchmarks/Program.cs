using BenchmarkDotNet.Running;
using BlockchainCs.Benchmarks.Ratios;

namespace BlockchainCs.Benchmarks;

/// <summary>
/// <c>bench</c> (the default) prints the five ratio measurements of scripts/bench.sh; <c>micro</c> hands the remaining
/// arguments to BenchmarkDotNet's switcher (e.g. <c>-- micro --filter '*Merkle*' --job short</c>).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "bench";
        switch (mode)
        {
            case "micro":
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
                return 0;
            case "bench":
                return RatioBench.Run(BenchOptions.Parse(args[1..]));
            default:
                Console.Error.WriteLine("usage: BlockchainCs.Benchmarks [bench [--only mining,verify,sync,spv,filters,mempool,getbalance,startup] [--cli PATH] [--blocks N] | micro [BenchmarkDotNet args]]");
                return 2;
        }
    }
}
