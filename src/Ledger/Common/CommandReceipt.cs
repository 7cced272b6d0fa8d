using NodaTime;

namespace Sanzi.Ledger.Common;

/// <summary>
/// Proof that a command with this idempotency key was carried out: a fingerprint of what was asked and the
/// answer given (status, location, body), stored in the same transaction as the command's events.
/// </summary>
public sealed record CommandReceipt(
    string Id,
    string Fingerprint,
    int Status,
    string? Location,
    string AnswerJson,
    string Actor,
    Instant RecordedAt);
