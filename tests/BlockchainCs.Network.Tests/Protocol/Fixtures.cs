using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;

namespace BlockchainCs.Network.Tests.Protocol;

/// <summary>The values the golden messages are built from. Hashes are counting bytes so they are easy to spot in hex.</summary>
internal static class Fixtures
{
    public static NetworkMagic Magic => NetworkMagic.Main;

    /// <summary>00 01 02 … 1f.</summary>
    public static Hash256 H1 { get; } = new(Counting(0x00, 32));

    /// <summary>20 21 22 … 3f.</summary>
    public static Hash256 H2 { get; } = new(Counting(0x20, 32));

    /// <summary>a0 a1 … b3.</summary>
    public static byte[] Pkh => Counting(0xa0, 20);

    public static byte[] Pkh2 => Enumerable.Repeat((byte)0xcc, 20).ToArray();

    public static Block SampleBlock => new(1_700_000_000, H1, H2, 16, 12345, 1, [Transaction.CreateCoinbase(Pkh, 10, 1)]);

    /// <summary>The header of <see cref="SampleBlock"/> (a block without transactions).</summary>
    public static Block SampleHeader => new(1_700_000_000, H1, H2, 16, 12345, 1, []);

    /// <summary>Signature and public key are shortened: encoding does not check them.</summary>
    public static Transaction SampleTransaction => new(
        [new TxInput(new OutPoint(H2, 1), Enumerable.Repeat((byte)0x51, 8).ToArray(), [0x02, 0xc0, 0xff, 0xee])],
        [new TxOutput(7, Pkh), new TxOutput(3, Pkh2)]);

    private static byte[] Counting(int start, int count) => Enumerable.Range(start, count).Select(i => (byte)i).ToArray();
}
