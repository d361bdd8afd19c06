namespace BlockchainCs.Core.Consensus;

/// <summary>Why a block or transaction broke a rule (btcd's ErrorCode).</summary>
public enum RuleErrorCode
{
    BadProofOfWork,
    BadTargetBits,
    BadMerkleRoot,
    BadHeight,
    TimeTooNew,
    BlockTooLarge,
    NoTransactions,
    FirstTxNotCoinbase,
    MultipleCoinbases,
    BadCoinbaseValue,
    BadCoinbaseHeight,
    DuplicateTransaction,
    DuplicateBlock,
    UnknownParent,
    TransactionTooLarge,
    NoInputs,
    NoOutputs,
    NonPositiveValue,
    ValueOverflow,
    MissingInput,
    DoubleSpend,
    WrongOwner,
    BadSignature,
    Overspend,
    CoinbaseNotAllowed,
    KnownInvalid,
}
