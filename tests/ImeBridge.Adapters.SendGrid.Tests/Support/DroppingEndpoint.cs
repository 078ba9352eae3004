using System.Net;
using System.Net.Sockets;

namespace ImeBridge.Adapters.SendGrid.Tests.Support;

/// <summary>A loopback HTTP endpoint that reads each request's headers and resets the connection without answering.</summary>
internal sealed class DroppingEndpoint : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private int requests;

    private DroppingEndpoint()
    {
        listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        _ = Task.Run(AcceptAsync);
    }

    public string Url { get; }

    public int Requests => Volatile.Read(ref requests);

    public static Task<DroppingEndpoint> StartAsync() => Task.FromResult(new DroppingEndpoint());

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var seen = "";
                while (!seen.Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, stop.Token);
                    if (read == 0)
                    {
                        break;
                    }

                    seen += System.Text.Encoding.ASCII.GetString(buffer, 0, read);
                }

                Interlocked.Increment(ref requests);
                client.Client.LingerState = new LingerOption(enable: true, seconds: 0);
                client.Client.Close();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }
}
