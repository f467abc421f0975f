using System.Globalization;
using HybridVote.Domain;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HybridVote.Localization;

/// <summary>
/// The one localisation system of the project (TR006): texts live in <c>.resx</c> files (French
/// neutral, Dutch and German satellites) and are read through <see cref="IStringLocalizer"/>, for
/// pages and PDFs alike. A text is always asked for in an explicit <see cref="Language"/>, never
/// from the thread's culture, so a page rendered after the request's middleware or a bilingual
/// ballot gets the language it asks for.
/// </summary>
public static class LocalizedText
{
    private static readonly ResourceManagerStringLocalizerFactory Factory = new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    /// <summary>The localizer of the resources whose base name is the full name of <typeparamref name="TResource"/>.</summary>
    public static IStringLocalizer For<TResource>() => Factory.Create(typeof(TResource));

    /// <summary>The culture of a language (fr, nl, de).</summary>
    public static CultureInfo Culture(this Language language) => CultureInfo.GetCultureInfo(language.Code());

    /// <summary>The text <paramref name="key"/> in <paramref name="language"/>, placeholders filled; throws when it does not exist.</summary>
    public static string In(this IStringLocalizer localizer, Language language, string key, params object[] args)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = language.Culture();
        try
        {
            var text = localizer[key];
            if (text.ResourceNotFound)
            {
                throw new KeyNotFoundException($"no text '{key}' in {text.SearchedLocation}");
            }

            return args.Length == 0 ? text.Value : string.Format(CultureInfo.InvariantCulture, text.Value, args);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
