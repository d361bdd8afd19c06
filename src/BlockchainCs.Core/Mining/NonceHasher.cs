using System.Runtime.CompilerServices;

namespace BlockchainCs.Core.Mining;

/// <summary>
/// NonceHasher runs the header's second SHA-256 block for <c>TL.Count</c> consecutive nonces at once, one nonce
/// per lane, starting from a <see cref="SecondBlockTemplate"/>. Rounds 0..5 are already in the template; the 58
/// remaining rounds are unrolled inside the nonce loop so the state and the message schedule stay in registers.
/// </summary>
/// <typeparam name="TL">The instruction set (a struct, so the JIT compiles one specialised copy per path).</typeparam>
/// <typeparam name="TV">Its register type.</typeparam>
internal static class NonceHasher<TL, TV>
    where TL : struct, ISha256Lanes<TV>
    where TV : struct
{
    /// <summary>
    /// Hashes nonces lo, lo + 1, … (count of them, lo and count multiples of Count) and stops at the first group in
    /// which some lane's hash word 0 has no bit of <paramref name="h0Mask"/> set. The caller confirms those lanes
    /// with the full hash: the test is exact for target bits up to 32 and a 2^-32 filter above.
    /// </summary>
    /// <returns>True with the group's first nonce low word and its matching lanes; false when none matched.</returns>
    public static bool Scan(in SecondBlockTemplate t, uint lo, uint count, uint h0Mask, out uint groupLo, out uint laneMask) =>
        Run(in t, lo, count, h0Mask, [], out groupLo, out laneMask);

    /// <summary>The full 32-byte hashes of nonces lo … lo + Count − 1, as 8 words per lane, lane after lane.</summary>
    public static void Hash(in SecondBlockTemplate t, uint lo, Span<uint> words)
    {
        if (words.Length < 8 * TL.Count)
            throw new ArgumentException("8 words per lane", nameof(words));
        Run(in t, lo, (uint)TL.Count, 0, words, out _, out _);
    }

    /// <summary>
    /// The nonce loop. With <paramref name="words"/> empty it scans; otherwise it stores the first group's full
    /// hashes and returns. One method for both, so the tests exercise the very code that mines; in the scan only
    /// hash word 0 is used and the JIT drops the additions for the others.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Run(in SecondBlockTemplate t, uint lo, uint count, uint h0Mask, Span<uint> words,
        out uint groupLo, out uint laneMask)
    {
        var mask = TL.Broadcast(h0Mask);
        var w5 = TL.Add(TL.Broadcast(lo), TL.LaneIndices);
        for (var done = 0u; done < count; done += (uint)TL.Count)
        {
            // The state entering round 6: W5 enters a and e by one addition each (see SecondBlockTemplate).
            var a = TL.AddScalar(w5, t.A5);
            var b = TL.Broadcast(t.B5);
            var c = TL.Broadcast(t.C5);
            var d = TL.Broadcast(t.D5);
            var e = TL.AddScalar(w5, t.E5);
            var f = TL.Broadcast(t.F5);
            var g = TL.Broadcast(t.G5);
            var h = TL.Broadcast(t.H5);

            // Rounds 6..19 have constant message words, folded into the round constant.
            TL.Round(a, b, c, ref d, e, f, g, ref h, TL.Broadcast(unchecked(0x923f82a4 + SecondBlockTemplate.PaddingWord)));
            TL.Round(h, a, b, ref c, d, e, f, ref g, TL.Broadcast(0xab1c5ed5));
            TL.Round(g, h, a, ref b, c, d, e, ref f, TL.Broadcast(0xd807aa98));
            TL.Round(f, g, h, ref a, b, c, d, ref e, TL.Broadcast(0x12835b01));
            TL.Round(e, f, g, ref h, a, b, c, ref d, TL.Broadcast(0x243185be));
            TL.Round(d, e, f, ref g, h, a, b, ref c, TL.Broadcast(0x550c7dc3));
            TL.Round(c, d, e, ref f, g, h, a, ref b, TL.Broadcast(0x72be5d74));
            TL.Round(b, c, d, ref e, f, g, h, ref a, TL.Broadcast(0x80deb1fe));
            TL.Round(a, b, c, ref d, e, f, g, ref h, TL.Broadcast(0x9bdc06a7));
            TL.Round(h, a, b, ref c, d, e, f, ref g, TL.Broadcast(0xc19bf174 + SecondBlockTemplate.LengthWord));
            TL.Round(g, h, a, ref b, c, d, e, ref f, TL.Broadcast(t.Kw16));
            TL.Round(f, g, h, ref a, b, c, d, ref e, TL.Broadcast(t.Kw17));
            TL.Round(e, f, g, ref h, a, b, c, ref d, TL.Broadcast(t.Kw18));
            TL.Round(d, e, f, ref g, h, a, b, ref c, TL.Broadcast(t.Kw19));

            // Rounds 20..63: the message schedule, with the constant parts of W20..W35 from the template.
            var w20 = TL.AddScalar(TL.SmallSigma0(w5), t.W20Part);
            TL.Round(c, d, e, ref f, g, h, a, ref b, TL.AddScalar(w20, 0x2de92c6f));
            var w21 = TL.AddScalar(w5, t.W21Part);
            TL.Round(b, c, d, ref e, f, g, h, ref a, TL.AddScalar(w21, 0x4a7484aa));
            var w22 = TL.AddScalar(TL.SmallSigma1(w20), t.W22Part);
            TL.Round(a, b, c, ref d, e, f, g, ref h, TL.AddScalar(w22, 0x5cb0a9dc));
            var w23 = TL.AddScalar(TL.SmallSigma1(w21), t.W16);
            TL.Round(h, a, b, ref c, d, e, f, ref g, TL.AddScalar(w23, 0x76f988da));
            var w24 = TL.AddScalar(TL.SmallSigma1(w22), t.W17);
            TL.Round(g, h, a, ref b, c, d, e, ref f, TL.AddScalar(w24, 0x983e5152));
            var w25 = TL.AddScalar(TL.SmallSigma1(w23), t.W18);
            TL.Round(f, g, h, ref a, b, c, d, ref e, TL.AddScalar(w25, 0xa831c66d));
            var w26 = TL.AddScalar(TL.SmallSigma1(w24), t.W19);
            TL.Round(e, f, g, ref h, a, b, c, ref d, TL.AddScalar(w26, 0xb00327c8));
            var w27 = TL.Add(TL.SmallSigma1(w25), w20);
            TL.Round(d, e, f, ref g, h, a, b, ref c, TL.AddScalar(w27, 0xbf597fc7));
            var w28 = TL.Add(TL.SmallSigma1(w26), w21);
            TL.Round(c, d, e, ref f, g, h, a, ref b, TL.AddScalar(w28, 0xc6e00bf3));
            var w29 = TL.Add(TL.SmallSigma1(w27), w22);
            TL.Round(b, c, d, ref e, f, g, h, ref a, TL.AddScalar(w29, 0xd5a79147));
            var w30 = TL.AddScalar(TL.Add(TL.SmallSigma1(w28), w23), t.W30Part);
            TL.Round(a, b, c, ref d, e, f, g, ref h, TL.AddScalar(w30, 0x06ca6351));
            var w31 = TL.AddScalar(TL.Add(TL.SmallSigma1(w29), w24), t.W31Part);
            TL.Round(h, a, b, ref c, d, e, f, ref g, TL.AddScalar(w31, 0x14292967));
            var w32 = TL.AddScalar(TL.Add(TL.SmallSigma1(w30), w25), t.W32Part);
            TL.Round(g, h, a, ref b, c, d, e, ref f, TL.AddScalar(w32, 0x27b70a85));
            var w33 = TL.AddScalar(TL.Add(TL.SmallSigma1(w31), w26), t.W33Part);
            TL.Round(f, g, h, ref a, b, c, d, ref e, TL.AddScalar(w33, 0x2e1b2138));
            var w34 = TL.AddScalar(TL.Add(TL.SmallSigma1(w32), w27), t.W34Part);
            TL.Round(e, f, g, ref h, a, b, c, ref d, TL.AddScalar(w34, 0x4d2c6dfc));
            var w35 = TL.AddScalar(TL.Add(TL.Add(TL.SmallSigma1(w33), w28), TL.SmallSigma0(w20)), t.W19);
            TL.Round(d, e, f, ref g, h, a, b, ref c, TL.AddScalar(w35, 0x53380d13));
            var w36 = TL.Expand(w34, w29, w21, w20);
            TL.Round(c, d, e, ref f, g, h, a, ref b, TL.AddScalar(w36, 0x650a7354));
            var w37 = TL.Expand(w35, w30, w22, w21);
            TL.Round(b, c, d, ref e, f, g, h, ref a, TL.AddScalar(w37, 0x766a0abb));
            var w38 = TL.Expand(w36, w31, w23, w22);
            TL.Round(a, b, c, ref d, e, f, g, ref h, TL.AddScalar(w38, 0x81c2c92e));
            var w39 = TL.Expand(w37, w32, w24, w23);
            TL.Round(h, a, b, ref c, d, e, f, ref g, TL.AddScalar(w39, 0x92722c85));
            var w40 = TL.Expand(w38, w33, w25, w24);
            TL.Round(g, h, a, ref b, c, d, e, ref f, TL.AddScalar(w40, 0xa2bfe8a1));
            var w41 = TL.Expand(w39, w34, w26, w25);
            TL.Round(f, g, h, ref a, b, c, d, ref e, TL.AddScalar(w41, 0xa81a664b));
            var w42 = TL.Expand(w40, w35, w27, w26);
            TL.Round(e, f, g, ref h, a, b, c, ref d, TL.AddScalar(w42, 0xc24b8b70));
            var w43 = TL.Expand(w41, w36, w28, w27);
            TL.Round(d, e, f, ref g, h, a, b, ref c, TL.AddScalar(w43, 0xc76c51a3));
            var w44 = TL.Expand(w42, w37, w29, w28);
            TL.Round(c, d, e, ref f, g, h, a, ref b, TL.AddScalar(w44, 0xd192e819));
            var w45 = TL.Expand(w43, w38, w30, w29);
            TL.Round(b, c, d, ref e, f, g, h, ref a, TL.AddScalar(w45, 0xd6990624));
            var w46 = TL.Expand(w44, w39, w31, w30);
            TL.Round(a, b, c, ref d, e, f, g, ref h, TL.AddScalar(w46, 0xf40e3585));
            var w47 = TL.Expand(w45, w40, w32, w31);
            TL.Round(h, a, b, ref c, d, e, f, ref g, TL.AddScalar(w47, 0x106aa070));
            var w48 = TL.Expand(w46, w41, w33, w32);
            TL.Round(g, h, a, ref b, c, d, e, ref f, TL.AddScalar(w48, 0x19a4c116));
            var w49 = TL.Expand(w47, w42, w34, w33);
            TL.Round(f, g, h, ref a, b, c, d, ref e, TL.AddScalar(w49, 0x1e376c08));
            var w50 = TL.Expand(w48, w43, w35, w34);
            TL.Round(e, f, g, ref h, a, b, c, ref d, TL.AddScalar(w50, 0x2748774c));
            var w51 = TL.Expand(w49, w44, w36, w35);
            TL.Round(d, e, f, ref g, h, a, b, ref c, TL.AddScalar(w51, 0x34b0bcb5));
            var w52 = TL.Expand(w50, w45, w37, w36);
            TL.Round(c, d, e, ref f, g, h, a, ref b, TL.AddScalar(w52, 0x391c0cb3));
            var w53 = TL.Expand(w51, w46, w38, w37);
            TL.Round(b, c, d, ref e, f, g, h, ref a, TL.AddScalar(w53, 0x4ed8aa4a));
            var w54 = TL.Expand(w52, w47, w39, w38);
            TL.Round(a, b, c, ref d, e, f, g, ref h, TL.AddScalar(w54, 0x5b9cca4f));
            var w55 = TL.Expand(w53, w48, w40, w39);
            TL.Round(h, a, b, ref c, d, e, f, ref g, TL.AddScalar(w55, 0x682e6ff3));
            var w56 = TL.Expand(w54, w49, w41, w40);
            TL.Round(g, h, a, ref b, c, d, e, ref f, TL.AddScalar(w56, 0x748f82ee));
            var w57 = TL.Expand(w55, w50, w42, w41);
            TL.Round(f, g, h, ref a, b, c, d, ref e, TL.AddScalar(w57, 0x78a5636f));
            var w58 = TL.Expand(w56, w51, w43, w42);
            TL.Round(e, f, g, ref h, a, b, c, ref d, TL.AddScalar(w58, 0x84c87814));
            var w59 = TL.Expand(w57, w52, w44, w43);
            TL.Round(d, e, f, ref g, h, a, b, ref c, TL.AddScalar(w59, 0x8cc70208));
            var w60 = TL.Expand(w58, w53, w45, w44);
            TL.Round(c, d, e, ref f, g, h, a, ref b, TL.AddScalar(w60, 0x90befffa));
            var w61 = TL.Expand(w59, w54, w46, w45);
            TL.Round(b, c, d, ref e, f, g, h, ref a, TL.AddScalar(w61, 0xa4506ceb));
            var w62 = TL.Expand(w60, w55, w47, w46);
            TL.Round(a, b, c, ref d, e, f, g, ref h, TL.AddScalar(w62, 0xbef9a3f7));
            var w63 = TL.Expand(w61, w56, w48, w47);
            TL.Round(h, a, b, ref c, d, e, f, ref g, TL.AddScalar(w63, 0xc67178f2));

            // After round 63 the renaming has left the state a..h in g, h, a, b, c, d, e, f.
            var h0 = TL.AddScalar(g, t.Mid0);
            if (!words.IsEmpty)
            {
                Store(words, h0, TL.AddScalar(h, t.Mid1), TL.AddScalar(a, t.Mid2), TL.AddScalar(b, t.Mid3),
                    TL.AddScalar(c, t.Mid4), TL.AddScalar(d, t.Mid5), TL.AddScalar(e, t.Mid6), TL.AddScalar(f, t.Mid7));
                break;
            }

            var matches = TL.ClearLanes(h0, mask);
            if (matches != 0)
            {
                groupLo = lo + done;
                laneMask = matches;
                return true;
            }

            w5 = TL.AddScalar(w5, (uint)TL.Count);
        }

        groupLo = 0;
        laneMask = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Store(Span<uint> words, TV h0, TV h1, TV h2, TV h3, TV h4, TV h5, TV h6, TV h7)
    {
        for (var lane = 0; lane < TL.Count; lane++)
        {
            var o = words.Slice(lane * 8, 8);
            o[0] = TL.GetLane(h0, lane);
            o[1] = TL.GetLane(h1, lane);
            o[2] = TL.GetLane(h2, lane);
            o[3] = TL.GetLane(h3, lane);
            o[4] = TL.GetLane(h4, lane);
            o[5] = TL.GetLane(h5, lane);
            o[6] = TL.GetLane(h6, lane);
            o[7] = TL.GetLane(h7, lane);
        }
    }
}
