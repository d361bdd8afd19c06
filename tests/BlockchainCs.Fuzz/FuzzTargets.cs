using System.Text;
using BlockchainCs.Core.Serialization;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Tests.Protocol;

namespace BlockchainCs.Fuzz;

/// <summary>Every decoder that reads bytes someone else chose: message framing, each payload, block, transaction, wallet file.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("framing", Framing, () => GoldenMessages.All.Select(m => m.Bytes)),
        .. GoldenMessages.CommandList.Distinct().Select(command =>
            new FuzzTarget($"payload-{command}", bytes => Payload(command, bytes),
                () => GoldenMessages.All.Where(m => m.Command == command).Select(m => m.PayloadBytes))),
        new("block", Block, () => [Fixtures.SampleBlock.ToBytes(), Fixtures.SampleHeader.ToBytes()]),
        new("transaction", Transaction, () => [Fixtures.SampleTransaction.ToBytes(), Fixtures.SampleBlock.Transactions[0].ToBytes()]),
        new("wallet", WalletFile, WalletSeeds),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>A whole message: header checks, then its payload.</summary>
    private static void Framing(byte[] bytes)
    {
        try
        {
            var message = MessageFraming.Decode(bytes, NetworkMagic.Main);
            PayloadCodec.Decode(message);
        }
        catch (ProtocolException)
        {
        }
    }

    private static void Payload(string command, byte[] bytes)
    {
        try
        {
            if (PayloadCodec.Decode(command, bytes) is { } payload)
                RoundTrip(command, bytes, PayloadCodec.Encode(payload));
        }
        catch (ProtocolException)
        {
        }
    }

    private static void Block(byte[] bytes)
    {
        try
        {
            RoundTrip("block", bytes, Core.Primitives.Block.FromBytes(bytes).ToBytes());
        }
        catch (DecodeException)
        {
        }
    }

    private static void Transaction(byte[] bytes)
    {
        try
        {
            RoundTrip("transaction", bytes, Core.Primitives.Transaction.FromBytes(bytes).ToBytes());
        }
        catch (DecodeException)
        {
        }
    }

    private static void WalletFile(byte[] bytes)
    {
        try
        {
            WalletStore.Parse("fuzz.dat", Encoding.UTF8.GetString(bytes));
        }
        catch (WalletException)
        {
        }
    }

    /// <summary>A real wallet file with two keys, as createwallet writes it.</summary>
    private static IEnumerable<byte[]> WalletSeeds()
    {
        var path = Path.Combine(Path.GetTempPath(), $"blockchain_cs_fuzz_{Guid.NewGuid():N}.dat");
        try
        {
            var store = WalletStore.Load(path);
            store.CreateWallet();
            store.CreateWallet();
            return [File.ReadAllBytes(path)];
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void RoundTrip(string what, byte[] input, byte[] encoded)
    {
        if (!input.AsSpan().SequenceEqual(encoded))
            throw new InvalidOperationException($"{what}: decoded {input.Length} bytes but encodes back to {encoded.Length} different bytes");
    }
}
