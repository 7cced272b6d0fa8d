using NodaTime;

namespace Sanzi.Ledger.Common;

/// <summary>
/// Proof that a command with this idempotency key was carried out, with a fingerprint of what was asked
/// and the answer given, stored in the same transaction as the command's events.
/// </summary>
public sealed record CommandReceipt(string Id, string Fingerprint, string AnswerJson, string Actor, Instant RecordedAt);
