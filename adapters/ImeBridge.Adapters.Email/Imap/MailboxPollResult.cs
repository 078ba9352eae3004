namespace ImeBridge.Adapters.Email.Imap;

/// <summary>One poll of the mailbox: messages kept and queued, moved to the processed folder, and left in the inbox for the next poll.</summary>
public sealed record MailboxPollResult(int Received, int Moved, int Remaining);
