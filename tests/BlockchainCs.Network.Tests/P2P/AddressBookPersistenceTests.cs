namespace BlockchainCs.Network.Tests.P2P;

public sealed class AddressBookPersistenceTests
{
    [Fact]
    public async Task Restart_SeedUnreachable_ConnectsThroughSavedAddresses()
    {
        await using var net = new TestNetwork();
        var a = net.Start();
        var b = net.Start(TestNetwork.Config(a.Address));
        await Poll.UntilAsync(() => a.Node.Addresses.Contains(b.Address), "A knows B");
        var config = TestNetwork.Config(a.Address) with { MaxInbound = 0 };
        var c = net.Start(config);
        await Poll.UntilAsync(() => c.Node.ReadyPeers.Any(p => !p.Inbound && p.Remote.Key == b.Address.Key), "C learned B from A");

        // Stop C (it saves its address book in its chain database) and its only seed.
        await c.DisposeAsync();
        await a.DisposeAsync();

        var restarted = net.Start(config, database: c.Database);
        Assert.True(restarted.Node.Addresses.Contains(b.Address), "the saved book is loaded at start");
        await Poll.UntilAsync(() => restarted.Node.ReadyPeers.Any(p => !p.Inbound && p.Remote.Key == b.Address.Key),
            "C reconnects to B without its seed");
        Assert.False(restarted.IsConnectedTo(a.Address));
    }
}
