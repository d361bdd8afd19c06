using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Addresses;

/// <summary>The address book: bucketed new/tried tables, bounded, back-off, persistence.</summary>
public sealed class AddressBookTests
{
    private static AddressBook NewBook(TimeProvider? time = null) => new(time ?? TimeProvider.System, new ThreadSafeRandom(7));

    [Fact]
    public void MarkFailed_RepeatedFailures_DoublesDelayUpToMaximum()
    {
        var time = new ShiftedTimeProvider();
        var book = NewBook(time);
        var address = new PeerAddress("192.0.2.9", 8333);
        Assert.True(book.Add(address, "198.51"));
        var first = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromSeconds(8);

        foreach (var expected in new[] { 1, 2, 4, 8, 8, 8 })
        {
            Assert.Equal(TimeSpan.FromSeconds(expected), book.MarkFailed(address, first, max));
            Assert.DoesNotContain(address, book.DialCandidates());
            time.Advance(TimeSpan.FromSeconds(expected));
            Assert.Contains(address, book.DialCandidates());
        }

        book.MarkGood(address);
        Assert.Equal(0, book.Get(address)!.Failures);
    }

    [Fact]
    public void Add_20000AddressesFromOneSource_BookStaysWithinItsBuckets()
    {
        var book = NewBook();
        for (var i = 0; i < 20_000; i++)
            book.Add(new PeerAddress($"10.{i / 250 % 250}.{i % 250}.1", 8333), "203.0");

        // One source group reaches only its few new buckets: a flood cannot fill the book.
        Assert.InRange(book.Count, 1, AddressBook.NewBucketsPerSourceGroup * AddressBook.BucketSize);
    }

    [Fact]
    public void Add_3000JunkAddresses_RealReachableNodeStays()
    {
        var book = NewBook();
        var real = new PeerAddress("198.51.100.7", 8333);
        book.Add(real, "198.51");
        book.MarkGood(real);

        // 3,000 junk addresses from many source groups (an attacker with many IPs).
        for (var i = 0; i < 3_000; i++)
            book.Add(new PeerAddress($"10.{i % 200}.{i / 200}.9", 8333), $"{i % 97}.1");

        Assert.True(book.Contains(real), "a tried address is never pushed out by new ones");
        Assert.True(book.Get(real)!.IsTried);
        Assert.Contains(real, book.DialCandidates());
        Assert.True(book.Count <= AddressBook.Capacity);
    }

    [Fact]
    public void Serialize_Load_RoundTripsEntriesAndTables()
    {
        var book = NewBook();
        var tried = new PeerAddress("198.51.100.7", 8333);
        var fresh = new PeerAddress("203.0.113.5", 8333);
        book.Add(tried, "198.51");
        book.MarkGood(tried);
        book.Add(fresh, "198.51");

        var loaded = NewBook();
        Assert.Equal(2, loaded.Load(book.Serialize()));

        Assert.True(loaded.Get(tried)!.IsTried);
        Assert.False(loaded.Get(fresh)!.IsTried);
    }

    [Fact]
    public void Load_Garbage_LoadsNothingAndDoesNotThrow()
    {
        var book = NewBook();
        Assert.Equal(0, book.Load([1, 2, 3, 4, 5]));
        Assert.Equal(0, book.Count);
    }
}
