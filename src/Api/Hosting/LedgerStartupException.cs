namespace Sanzi.Api.Hosting;

/// <summary>
/// A reason the ledger cannot start that the person starting it can fix (no server binaries, a port in use,
/// a server tool that refused): shown as one sentence, not as a stack trace.
/// </summary>
public sealed class LedgerStartupException(string message) : Exception(message);
