namespace ImeBridge.Testing.ServiceBus.Entities;

/// <summary>
/// Sends and detaches decided under a queue's lock and run after it is released, so that no link callback
/// ever waits on the queue while the queue waits on the link.
/// </summary>
internal sealed class PendingWork
{
    private readonly List<Action> actions = [];

    public void Add(Action action) => actions.Add(action);

    public void Run()
    {
        foreach (var action in actions)
        {
            try
            {
                action();
            }
            catch (Exception ex) when (ex is Amqp.AmqpException or ObjectDisposedException or InvalidOperationException)
            {
                // The link or connection closed meanwhile; the message's lock will expire or was released by the close.
            }
        }
    }
}
