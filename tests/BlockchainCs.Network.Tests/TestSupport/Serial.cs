namespace BlockchainCs.Network.Tests.TestSupport;

/// <summary>
/// Tests that measure the whole process (allocated bytes) run alone: other tests running beside them would count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Serial
{
    public const string Name = "serial: measures the whole process";
}
