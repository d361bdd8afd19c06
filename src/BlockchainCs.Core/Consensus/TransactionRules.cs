using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Consensus;

/// <summary>
/// TransactionRules are the checks every transaction must pass (DESIGN §3). Signatures are checked separately by
/// <see cref="SignatureVerifier"/> so that a block's signatures can be verified in parallel and cached.
/// </summary>
public static class TransactionRules
{
    /// <summary>Checks that need nothing but the transaction: shape, sizes, positive values, no input spent twice inside it.</summary>
    public static void CheckSanity(Transaction tx, bool isCoinbasePosition = false)
    {
        if (tx.Inputs.Count == 0)
            throw new RuleException(RuleErrorCode.NoInputs, $"transaction {tx.Id} has no inputs");
        if (tx.Outputs.Count == 0)
            throw new RuleException(RuleErrorCode.NoOutputs, $"transaction {tx.Id} has no outputs");
        if (tx.Size > ChainParameters.MaxTransactionSize)
            throw new RuleException(RuleErrorCode.TransactionTooLarge, $"transaction {tx.Id} is {tx.Size} bytes");
        // The decoding limits: a transaction that passed here but could not be read back would break the store.
        if (tx.Inputs.Count > Transaction.MaxInputs || tx.Outputs.Count > Transaction.MaxOutputs)
            throw new RuleException(RuleErrorCode.TransactionTooLarge, $"transaction {tx.Id} has more inputs or outputs than can be decoded");
        var dataLimit = tx.IsCoinbase && tx.CoinbaseHeight == 0 ? TxInput.MaxGenesisDataSize : TxInput.MaxPubKeySize;
        foreach (var input in tx.Inputs)
        {
            if (input.Signature.Length > TxInput.MaxSignatureSize || input.PubKey.Length > dataLimit)
                throw new RuleException(RuleErrorCode.TransactionTooLarge, $"transaction {tx.Id} has an input field longer than can be decoded");
        }

        long total = 0;
        foreach (var output in tx.Outputs)
        {
            if (output.Value <= 0)
                throw new RuleException(RuleErrorCode.NonPositiveValue, $"transaction {tx.Id} has an output of {output.Value}");
            if (output.PubKeyHash.Length != TxOutput.PubKeyHashSize)
                throw new RuleException(RuleErrorCode.WrongOwner, $"transaction {tx.Id} locks an output to a malformed key hash");
            total += output.Value;
            if (total < 0 || output.Value > long.MaxValue / 2)
                throw new RuleException(RuleErrorCode.ValueOverflow, $"transaction {tx.Id} outputs overflow");
        }

        if (tx.IsCoinbase)
        {
            if (!isCoinbasePosition)
                throw new RuleException(RuleErrorCode.CoinbaseNotAllowed, $"coinbase {tx.Id} outside the first position of a block");
            return;
        }

        var seen = new HashSet<OutPoint>();
        foreach (var input in tx.Inputs)
        {
            if (input.PrevOut.IsNull)
                throw new RuleException(RuleErrorCode.MissingInput, $"transaction {tx.Id} has a null input");
            if (!seen.Add(input.PrevOut))
                throw new RuleException(RuleErrorCode.DoubleSpend, $"transaction {tx.Id} spends {input.PrevOut} twice");
        }
    }

    /// <summary>
    /// Checks a non-coinbase transaction against the outputs it spends (<paramref name="spent"/>[i] for input i):
    /// each input's public key must hash to the spent output's key hash (the tutorial never checks this), and
    /// outputs must not exceed inputs. Returns the fee.
    /// </summary>
    public static long CheckInputs(Transaction tx, IReadOnlyList<TxOutput> spent)
    {
        long inputTotal = 0;
        for (var i = 0; i < tx.Inputs.Count; i++)
        {
            var input = tx.Inputs[i];
            if (input.PubKey.Length != 33 || !spent[i].IsLockedWith(Hashes.Hash160(input.PubKey)))
                throw new RuleException(RuleErrorCode.WrongOwner, $"transaction {tx.Id} input {i} spends {input.PrevOut}, which belongs to someone else");
            inputTotal = checked(inputTotal + spent[i].Value);
        }

        var outputTotal = tx.TotalOutput;
        if (outputTotal > inputTotal)
            throw new RuleException(RuleErrorCode.Overspend, $"transaction {tx.Id} spends {outputTotal} but its inputs hold {inputTotal}");
        return inputTotal - outputTotal;
    }
}
