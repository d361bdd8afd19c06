using System.Globalization;

namespace BlockchainCs.Core.Primitives;

/// <summary>
/// A fee rate in coins per 1,000 bytes of serialized transaction (Bitcoin's CFeeRate, satoshis per kB, with our whole
/// coins as the unit). Comparing two transactions uses <see cref="Compare"/> on their exact fees and sizes; this type is
/// the rounded figure that floors, filters (BIP 133) and people use.
/// </summary>
public readonly record struct FeeRate(long PerKb)
{
    public static FeeRate Zero => default;

    /// <summary>The rate of <paramref name="fee"/> over <paramref name="size"/> bytes, rounded down.</summary>
    public static FeeRate Of(long fee, long size) => new(size <= 0 ? 0 : (long)((Int128)fee * 1000 / size));

    /// <summary>True when <paramref name="fee"/> over <paramref name="size"/> bytes pays at least this rate.</summary>
    public bool IsMetBy(long fee, long size) => (Int128)fee * 1000 >= (Int128)PerKb * size;

    /// <summary>Compares fee1/size1 with fee2/size2 exactly (no rounding): negative when the first pays less per byte.</summary>
    public static int Compare(long fee1, long size1, long fee2, long size2) =>
        ((Int128)fee1 * Math.Max(size2, 1)).CompareTo((Int128)fee2 * Math.Max(size1, 1));

    public static bool operator <(FeeRate a, FeeRate b) => a.PerKb < b.PerKb;

    public static bool operator >(FeeRate a, FeeRate b) => a.PerKb > b.PerKb;

    public static bool operator <=(FeeRate a, FeeRate b) => a.PerKb <= b.PerKb;

    public static bool operator >=(FeeRate a, FeeRate b) => a.PerKb >= b.PerKb;

    /// <summary>The rate of a fee over a size in coins per kB, to two decimals (what people and the RPC see).</summary>
    public static decimal Exact(long fee, long size) => size <= 0 ? 0 : Math.Round((decimal)fee * 1000 / size, 2);

    /// <summary><see cref="Exact"/> as text: "4.29 coins/kB".</summary>
    public static string Describe(long fee, long size) => string.Create(CultureInfo.InvariantCulture, $"{Exact(fee, size):0.##} coins/kB");

    public override string ToString() => PerKb.ToString(CultureInfo.InvariantCulture) + " coins/kB";
}
