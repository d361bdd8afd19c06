using System.Security.Cryptography;
using System.Text.Json;
using BlockchainCs.Core.Filters;

namespace BlockchainCs.Core.Tests.Filters;

/// <summary>
/// BIP 158's test vectors (bip-0158/testnet-19.json, CC0): for each block, the key (the block hash's first 16 bytes),
/// the item set (its output scripts except empty and OP_RETURN ones, and the scripts its inputs spend) and the expected
/// filter and filter header. The key, items and filter are independent of the block format, so they carry over.
/// </summary>
public sealed class GolombCodedSetTests
{
    public static TheoryData<int> Rows() => new(Enumerable.Range(0, Vectors.Count));

    private static List<JsonElement> Vectors { get; } = LoadVectors();

    [Theory]
    [MemberData(nameof(Rows))]
    public void Build_MatchesBip158sFilterAndHeader(int row)
    {
        var v = Vectors[row];
        var key = Convert.FromHexString(v[1].GetString()!).Reverse().ToArray(); // displayed reversed; the key is the hash's first bytes as hashed
        var items = BitcoinBlockScripts.OutputScripts(Convert.FromHexString(v[2].GetString()!))
            .Where(s => s.Length > 0 && s[0] != 0x6a)
            .Concat(v[3].EnumerateArray().Select(s => Convert.FromHexString(s.GetString()!)).Where(s => s.Length > 0))
            .ToList();

        var filter = GolombCodedSet.Build(key, items);

        Assert.Equal(v[5].GetString(), Convert.ToHexStringLower(filter));
        var previous = Convert.FromHexString(v[4].GetString()!).Reverse().ToArray();
        var header = SHA256.HashData(SHA256.HashData([.. SHA256.HashData(SHA256.HashData(filter)), .. previous]));
        Assert.Equal(v[6].GetString(), Convert.ToHexStringLower(header.Reverse().ToArray()));
        foreach (var item in items)
            Assert.True(GolombCodedSet.MatchAny(key, filter, [item]));
    }

    [Fact]
    public void EmptySet_IsTheSingleByte00_MatchesNothing()
    {
        var key = new byte[16];

        Assert.Equal([0x00], GolombCodedSet.Build(key, []));
        Assert.False(GolombCodedSet.MatchAny(key, [0x00], [[1, 2, 3]]));
    }

    [Fact]
    public void FalsePositives_AboutOneIn784931()
    {
        var random = new Random(158);
        var key = new byte[16];
        random.NextBytes(key);
        var items = Enumerable.Range(0, 1_000).Select(_ => RandomItem(random)).ToList();
        var filter = GolombCodedSet.Build(key, items);
        Assert.All(items.Take(50), item => Assert.True(GolombCodedSet.MatchAny(key, filter, [item])));
        Assert.Equal(items.Count, GolombCodedSet.CountMatches(key, filter, items));

        // 200,000 queries not in the set: expected 200,000 / 784,931 ≈ 0.25 false positives; more than 5 would mean a broken map.
        var falsePositives = GolombCodedSet.CountMatches(key, filter, Enumerable.Range(0, 200_000).Select(_ => RandomItem(random)));
        Assert.InRange(falsePositives, 0, 5);
    }

    private static byte[] RandomItem(Random random)
    {
        var item = new byte[20];
        random.NextBytes(item);
        return item;
    }

    private static List<JsonElement> LoadVectors()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Filters", "bip158-testnet-19.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Skip(1).Select(e => e.Clone())];
    }
}
