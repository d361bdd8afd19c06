namespace BlockchainCs.Core.Mining;

/// <summary>
/// ISha256Lanes is the set of 32-bit lane operations SHA-256 needs, implemented once per instruction set
/// (scalar, 128-, 256- and 512-bit vectors). <see cref="NonceHasher{TLanes, TVector}"/> is written once against
/// it; because the implementations are structs the JIT specialises and inlines each path. The operations are
/// coarse (a whole round, a whole schedule word) on purpose: the JIT stops inlining in a method after a few
/// hundred inlined calls, and one compression unrolled over fine-grained helpers would pass that limit.
/// </summary>
/// <typeparam name="TVector">The register type: one uint per lane.</typeparam>
internal interface ISha256Lanes<TVector>
    where TVector : struct
{
    /// <summary>Nonces hashed at once.</summary>
    static abstract int Count { get; }

    /// <summary>True when this instruction set runs on the current machine.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>0, 1, 2, … in the lanes.</summary>
    static abstract TVector LaneIndices { get; }

    static abstract TVector Broadcast(uint value);

    static abstract TVector Add(TVector x, TVector y);

    /// <summary>x + value in every lane.</summary>
    static abstract TVector AddScalar(TVector x, uint value);

    /// <summary>σ0 of the message schedule.</summary>
    static abstract TVector SmallSigma0(TVector x);

    /// <summary>σ1 of the message schedule.</summary>
    static abstract TVector SmallSigma1(TVector x);

    /// <summary>The message schedule: W[t] = σ1(W[t−2]) + W[t−7] + σ0(W[t−15]) + W[t−16].</summary>
    static abstract TVector Expand(TVector w2, TVector w7, TVector w15, TVector w16);

    /// <summary>
    /// One round, with the state variables renamed by the caller instead of moved: d += T1 and h = T1 + T2, where
    /// T1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t] and T2 = Σ0(a) + Maj(a, b, c).
    /// </summary>
    static abstract void Round(TVector a, TVector b, TVector c, ref TVector d, TVector e, TVector f, TVector g,
        ref TVector h, TVector kw);

    /// <summary>Bit i is set when lane i of x has no bit of mask set.</summary>
    static abstract uint ClearLanes(TVector x, TVector mask);

    static abstract uint GetLane(TVector x, int lane);
}
