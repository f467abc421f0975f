using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HybridVote.Integration.Tests;

/// <summary>Loopback ports for the servers a test starts itself (a TLS function, a Sentinel, a PgBouncer).</summary>
internal static class LocalPorts
{
    /// <summary>A port nothing listens on now.</summary>
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Waits up to 10 s for <paramref name="server"/> to listen on <paramref name="port"/>; fails at once when it stops.</summary>
    public static async Task WaitAsync(int port, Process server, Func<string> output)
    {
        for (int i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                if (server.HasExited)
                {
                    throw new InvalidOperationException($"{server.StartInfo.FileName} stopped: {output()}");
                }

                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"{server.StartInfo.FileName} did not listen on {port}");
    }
}
