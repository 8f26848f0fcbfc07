using System.Net;
using System.Net.Sockets;

namespace ClientPortal.Testing;

public static class LoopbackPort
{
    /// <summary>A port nothing listens on right now (the operating system's pick), for a server a test
    /// starts.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
