namespace BlockchainCs.Core.Mining;

/// <summary>
/// SecondBlockTemplate holds everything of the header's second SHA-256 block that does not depend on the low 32
/// bits of the nonce (message word W5). Words W0..W4 (timestamp, target bits, nonce high) and the padding W6..W15
/// are fixed, so rounds 0..5 collapse to two additions of W5, the round constants of rounds 6..19 absorb their
/// message words, and the fixed terms of the message schedule W16..W34 are summed here once.
/// </summary>
internal readonly struct SecondBlockTemplate
{
    /// <summary>Message word 6: the 0x80 padding byte.</summary>
    public const uint PaddingWord = 0x80000000;

    /// <summary>Message word 15: the message length, 88 bytes = 704 bits.</summary>
    public const uint LengthWord = 88 * 8;

    // Midstate, added to the final state.
    public readonly uint Mid0, Mid1, Mid2, Mid3, Mid4, Mid5, Mid6, Mid7;

    // State entering round 6; A5 and E5 still need + W5.
    public readonly uint A5, B5, C5, D5, E5, F5, G5, H5;

    // K + W for rounds 16..19 (the message words are constant there).
    public readonly uint Kw16, Kw17, Kw18, Kw19;

    // Constant message words and the constant parts of the words that depend on W5.
    public readonly uint W16, W17, W18, W19;
    public readonly uint W20Part, W21Part, W22Part, W30Part, W31Part, W32Part, W33Part, W34Part;

    public SecondBlockTemplate(ReadOnlySpan<uint> midstate, long timestamp, int targetBits, uint nonceHigh)
    {
        Mid0 = midstate[0];
        Mid1 = midstate[1];
        Mid2 = midstate[2];
        Mid3 = midstate[3];
        Mid4 = midstate[4];
        Mid5 = midstate[5];
        Mid6 = midstate[6];
        Mid7 = midstate[7];

        var w0 = (uint)((ulong)timestamp >> 32);
        var w1 = (uint)timestamp;
        var w2 = (uint)((ulong)(long)targetBits >> 32);
        var w3 = (uint)targetBits;
        var w4 = nonceHigh;
        const uint w6 = PaddingWord, w15 = LengthWord;
        var k = Sha256Compression.K;

        Span<uint> s = stackalloc uint[8];
        midstate.CopyTo(s);
        Sha256Compression.Round(s, k[0] + w0);
        Sha256Compression.Round(s, k[1] + w1);
        Sha256Compression.Round(s, k[2] + w2);
        Sha256Compression.Round(s, k[3] + w3);
        Sha256Compression.Round(s, k[4] + w4);
        // Round 5 with W5 = 0: every term except W5 is fixed, and W5 enters both new a and new e by one addition.
        Sha256Compression.Round(s, k[5]);
        (A5, B5, C5, D5, E5, F5, G5, H5) = (s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]);

        // W7..W14 are zero.
        W16 = Sha256Compression.SmallSigma0(w1) + w0;
        W17 = Sha256Compression.SmallSigma1(w15) + Sha256Compression.SmallSigma0(w2) + w1;
        W18 = Sha256Compression.SmallSigma1(W16) + Sha256Compression.SmallSigma0(w3) + w2;
        W19 = Sha256Compression.SmallSigma1(W17) + Sha256Compression.SmallSigma0(w4) + w3;
        Kw16 = k[16] + W16;
        Kw17 = k[17] + W17;
        Kw18 = k[18] + W18;
        Kw19 = k[19] + W19;
        // The fixed terms of the schedule words that also depend on W5 or on earlier varying words; the comment
        // names the varying rest that NonceHasher adds.
        W20Part = Sha256Compression.SmallSigma1(W18) + w4;                                 // + σ0(W5)
        W21Part = Sha256Compression.SmallSigma1(W19) + Sha256Compression.SmallSigma0(w6); // + W5
        W22Part = w15 + w6;                                                                // + σ1(W20)
        W30Part = Sha256Compression.SmallSigma0(w15);                                      // + σ1(W28) + W23
        W31Part = Sha256Compression.SmallSigma0(W16) + w15;                                // + σ1(W29) + W24
        W32Part = Sha256Compression.SmallSigma0(W17) + W16;                                // + σ1(W30) + W25
        W33Part = Sha256Compression.SmallSigma0(W18) + W17;                                // + σ1(W31) + W26
        W34Part = Sha256Compression.SmallSigma0(W19) + W18;                                // + σ1(W32) + W27
    }
}
