using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Core.Primitives;

/// <summary>
/// Transaction moves coins from earlier outputs to new ones (the tutorial's Transaction). It is immutable; its
/// id is the SHA-256 of its serialization with every signature left empty, so signing does not change it.
/// </summary>
public sealed class Transaction
{
    /// <summary>Decoding limits; a transaction also never exceeds the block size.</summary>
    public const int MaxInputs = 10_000;
    public const int MaxOutputs = 10_000;

    private Hash256? _id;
    private byte[]? _bytes;

    public Transaction(IReadOnlyList<TxInput> inputs, IReadOnlyList<TxOutput> outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
    }

    public IReadOnlyList<TxInput> Inputs { get; }

    public IReadOnlyList<TxOutput> Outputs { get; }

    /// <summary>The transaction id: SHA-256 of the serialization without signatures.</summary>
    public Hash256 Id => _id ??= Hash256.Compute(Serialize(withSignatures: false));

    /// <summary>A coinbase has one input that spends nothing (the tutorial's IsCoinbase).</summary>
    public bool IsCoinbase => Inputs.Count == 1 && Inputs[0].PrevOut.IsNull;

    /// <summary>The full serialization, signatures included (what the Merkle tree and the wire carry). Cached.</summary>
    public byte[] ToBytes() => _bytes ??= Serialize(withSignatures: true);

    public int Size => ToBytes().Length;

    public long TotalOutput
    {
        get
        {
            long total = 0;
            foreach (var output in Outputs)
                total = checked(total + output.Value);
            return total;
        }
    }

    public void Write(ByteWriter writer) => writer.WriteBytes(ToBytes());

    public static Transaction Read(ref ByteReader reader)
    {
        var start = reader.Position;
        // An input is at least 32 + 4 + 1 + 1 bytes, an output at least 8 + 1.
        var inputCount = reader.ReadCount(MaxInputs, 38);
        var inputs = new TxInput[inputCount];
        for (var i = 0; i < inputCount; i++)
            inputs[i] = TxInput.Read(ref reader);
        var outputCount = reader.ReadCount(MaxOutputs, 9);
        var outputs = new TxOutput[outputCount];
        for (var i = 0; i < outputCount; i++)
            outputs[i] = TxOutput.Read(ref reader);
        return new Transaction(inputs, outputs);
    }

    public static Transaction FromBytes(ReadOnlySpan<byte> bytes)
    {
        var reader = new ByteReader(bytes);
        var tx = Read(ref reader);
        reader.EnsureEnd();
        return tx;
    }

    /// <summary>Serializes with or without the signatures; <paramref name="pubKeyOverride"/> replaces every input's public-key field (used for the signing digest).</summary>
    internal byte[] Serialize(bool withSignatures, int overrideInput = -1, byte[]? pubKeyOverride = null)
    {
        var writer = new ByteWriter(64 + Inputs.Count * 140 + Outputs.Count * 30);
        writer.WriteCompactSize((ulong)Inputs.Count);
        for (var i = 0; i < Inputs.Count; i++)
        {
            var input = Inputs[i];
            if (overrideInput >= 0)
            {
                // The tutorial's TrimmedCopy: no signatures, no public keys, except the signed input, whose
                // public-key field holds the public-key hash of the output it spends.
                writer.WriteHash(input.PrevOut.TxId);
                writer.WriteUInt32(input.PrevOut.Index);
                writer.WriteVarBytes([]);
                writer.WriteVarBytes(i == overrideInput ? pubKeyOverride : []);
            }
            else
            {
                input.Write(writer, withSignatures);
            }
        }

        writer.WriteCompactSize((ulong)Outputs.Count);
        foreach (var output in Outputs)
            output.Write(writer);
        return writer.ToArray();
    }

    /// <summary>The digest that input <paramref name="inputIndex"/> signs: SHA-256 of the tutorial's trimmed copy.</summary>
    public Hash256 SignatureHash(int inputIndex, byte[] spentPubKeyHash) =>
        Hash256.Compute(Serialize(withSignatures: false, inputIndex, spentPubKeyHash));

    /// <summary>A copy with the given signatures in place of the current ones (ids do not change).</summary>
    public Transaction WithSignatures(IReadOnlyList<byte[]> signatures)
    {
        var inputs = new TxInput[Inputs.Count];
        for (var i = 0; i < inputs.Length; i++)
            inputs[i] = Inputs[i] with { Signature = signatures[i] };
        return new Transaction(inputs, Outputs);
    }

    /// <summary>The coinbase of block <paramref name="height"/>: <paramref name="reward"/> to <paramref name="pubKeyHash"/>.</summary>
    public static Transaction CreateCoinbase(byte[] pubKeyHash, long reward, int height, string? note = null, byte[]? prefix = null)
    {
        // The height makes every coinbase id unique (BIP 34); the note is free text like the tutorial's data. The genesis
        // block puts the chain's alert keys (the prefix) between them.
        var data = new ByteWriter(40);
        data.WriteInt32(height);
        if (prefix is not null)
            data.WriteBytes(prefix);
        if (!string.IsNullOrEmpty(note))
        {
            // At most 60 characters and never past the input's decoding limit (non-ASCII text takes more bytes).
            var noteBytes = System.Text.Encoding.UTF8.GetBytes(note.Length > 60 ? note[..60] : note);
            data.WriteBytes(noteBytes.AsSpan(0, Math.Min(noteBytes.Length, TxInput.MaxPubKeySize - 4)));
        }

        var input = new TxInput(OutPoint.Null, [], data.ToArray());
        return new Transaction([input], [new TxOutput(reward, pubKeyHash)]);
    }

    /// <summary>The height written in a coinbase's data, or null when there is none.</summary>
    public int? CoinbaseHeight =>
        IsCoinbase && Inputs[0].PubKey.Length >= 4 ? BitConverter.ToInt32(Inputs[0].PubKey, 0) : null;

    public override string ToString() => $"Transaction {Id} ({Inputs.Count} in, {Outputs.Count} out)";
}
