using System.Collections.Concurrent;
using HybridVote.Domain;
using HybridVote.Storage;
using Microsoft.AspNetCore.Http;

namespace HybridVote.Hosting;

/// <summary>
/// Authenticates a bureau scanner or counting client by its per-bureau key (dev) — in production a
/// client certificate terminates at the ingress and maps to the same bureau identity. A known key
/// is remembered for <see cref="Remembered"/>, so a scanner's receipts do not each cost a database
/// lookup (NFR005); a replaced key therefore stops working within that time. Unknown keys are
/// never remembered, so the memory is bounded by the number of bureaus.
/// </summary>
public sealed class BureauAuthentication(BureauStore bureaus, Pseudonyms pseudonyms, TimeProvider clock)
{
    /// <summary>Header carrying the bureau key.</summary>
    public const string Header = "X-Bureau-Key";

    /// <summary>How long a known key is remembered.</summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (BureauInfo Bureau, DateTimeOffset Until)> known = new(StringComparer.Ordinal);

    /// <summary>The bureau of the request, or null when the key is missing or unknown.</summary>
    public async Task<BureauInfo?> AuthenticateAsync(HttpRequest request, CancellationToken ct)
    {
        string key = request.Headers[Header].ToString();
        if (key.Length is < 16 or > 200)
        {
            return null;
        }

        byte[] hash = pseudonyms.BureauKeyHash(key);
        string id = Convert.ToHexString(hash);
        var now = clock.GetUtcNow();
        if (known.TryGetValue(id, out var entry) && entry.Until > now)
        {
            return entry.Bureau;
        }

        var bureau = await bureaus.FindByKeyHashAsync(hash, ct);
        if (bureau is null)
        {
            known.TryRemove(id, out _);
            return null;
        }

        known[id] = (bureau, now + Remembered);
        return bureau;
    }
}
