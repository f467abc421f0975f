using System.Globalization;

namespace HybridVote.Localization;

/// <summary>Times are stored in UTC and shown to people in Europe/Brussels time (ARCHITECTURE §5).</summary>
public static class BrusselsTime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    /// <summary>The instant in Brussels time.</summary>
    public static DateTimeOffset Of(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The calendar day of the instant in Brussels.</summary>
    public static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(Of(instant).DateTime);

    /// <summary>"dd/MM/yyyy HH:mm" in Brussels time, as the three languages write it.</summary>
    public static string DateTime(DateTimeOffset instant) => Of(instant).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"dd/MM/yyyy".</summary>
    public static string Date(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
