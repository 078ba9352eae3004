namespace ImeBridge.Testing.ServiceBus.Entities;

/// <summary>A receiver link as the queue sees it: which messages it may get and how many it asked for.</summary>
internal interface IQueueReceiver
{
    /// <summary>The locked session, or null for a receiver without sessions (the dead-letter queue). Set once, under the queue's lock, when the session is locked.</summary>
    string? SessionId { get; set; }

    /// <summary>The link has closed (possibly before its attach was answered); the queue must not hand it anything.</summary>
    bool IsClosed { get; }

    bool FromDeadLetterQueue { get; }

    string LinkName { get; }

    /// <summary>Credit the client has granted and the queue has not used yet. Read and written under the queue's lock.</summary>
    int Credit { get; set; }

    /// <summary>Sends a message handed out by the queue; called outside the queue's lock.</summary>
    void Deliver(Amqp.Message message);

    /// <summary>Ends the link because its session lock expired; called outside the queue's lock.</summary>
    void LoseLock();

    /// <summary>The client asked for its remaining credit to be used up or given back.</summary>
    bool IsDraining { get; }

    /// <summary>Gives the unused credit back; called outside the queue's lock.</summary>
    void CompleteDrain();
}
