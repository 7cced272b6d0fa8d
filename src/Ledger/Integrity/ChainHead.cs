namespace Sanzi.Ledger.Integrity;

/// <summary>
/// The latest seal: the digest an inspector writes down. Any later change to the sealed events, their
/// hashes or earlier seals makes a fresh verification disagree with it.
/// </summary>
/// <param name="SealedAt">UTC with microseconds, exactly the text that was hashed.</param>
public sealed record ChainHead(string Hash, long FromSeq, long ToSeq, long Events, string SealedAt);
