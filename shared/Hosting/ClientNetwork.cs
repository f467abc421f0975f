using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;

namespace HybridVote.Hosting;

/// <summary>
/// Who may speak for a client, and how clients are grouped by address. Forwarded headers (the
/// client address, scheme and host, and a client certificate) are believed only from the loopback
/// interface and the networks of <see cref="HybridVoteOptions.TrustedProxies"/> (the ingress), so a
/// client that reaches a function directly cannot choose its address or its certificate (ASVS
/// V1.4.x, V9.2.x). Limits count an IPv6 client by its /64, the block one subscriber gets.
/// </summary>
public static class ClientNetwork
{
    /// <summary>Makes the forwarded headers trusted from loopback and the given networks only (one hop).</summary>
    public static void TrustOnly(ForwardedHeadersOptions options, IEnumerable<string> proxies)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        options.ForwardLimit = 1;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("127.0.0.0/8"));
        options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("::1/128"));
        foreach (var proxy in proxies)
        {
            options.KnownIPNetworks.Add(Network(proxy));
        }
    }

    /// <summary>A network in CIDR notation (a single address is its own /32 or /128); a clear error otherwise.</summary>
    private static System.Net.IPNetwork Network(string text)
    {
        text = text.Trim();
        if (System.Net.IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            return new System.Net.IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        }

        throw new FormatException($"HybridVote:TrustedProxies: \"{text}\" is not an address or a network in CIDR notation (e.g. 10.42.0.0/16).");
    }

    /// <summary>
    /// True when the connection's peer is a trusted proxy; call it before the forwarded headers are
    /// applied, while the address is still the connection's own.
    /// </summary>
    public static bool FromTrustedProxy(HttpContext http, ForwardedHeadersOptions options)
    {
        var peer = http.Connection.RemoteIpAddress;
        if (peer is null)
        {
            // An in-process host (tests) has no network peer.
            return true;
        }

        peer = peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer;
        return options.KnownIPNetworks.Any(n => n.Contains(peer)) || options.KnownProxies.Contains(peer);
    }

    /// <summary>
    /// The group a client address is counted in: an IPv4 address itself, an IPv6 address by its /64
    /// (one subscriber gets a whole /64 and could otherwise rotate through 2^64 addresses).
    /// </summary>
    public static string Partition(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
