using HybridVote.Domain;
using HybridVote.Storage;
using Microsoft.AspNetCore.Http;

namespace HybridVote.Hosting;

/// <summary>
/// Authenticates a bureau scanner or counting client by its per-bureau key (dev) — in production a
/// client certificate terminates at the ingress and maps to the same bureau identity.
/// </summary>
public sealed class BureauAuthentication(BureauStore bureaus, Pseudonyms pseudonyms)
{
    /// <summary>Header carrying the bureau key.</summary>
    public const string Header = "X-Bureau-Key";

    /// <summary>The bureau of the request, or null when the key is missing or unknown.</summary>
    public async Task<BureauInfo?> AuthenticateAsync(HttpRequest request, CancellationToken ct)
    {
        string key = request.Headers[Header].ToString();
        if (key.Length is < 16 or > 200)
        {
            return null;
        }

        return await bureaus.FindByKeyHashAsync(pseudonyms.BureauKeyHash(key), ct);
    }
}
