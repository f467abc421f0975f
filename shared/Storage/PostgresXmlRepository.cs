using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>
/// Keeps the ASP.NET Core Data Protection key ring in PostgreSQL so that every replica of every
/// function can read the session cookie.
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource db) : IXmlRepository
{
    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var conn = db.OpenConnection();
        using var cmd = Sql.Command(conn, null, "SELECT xml FROM data_protection_key ORDER BY friendly_name");
        using var reader = cmd.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }

        return keys;
    }

    /// <inheritdoc />
    public void StoreElement(XElement element, string friendlyName)
    {
        using var conn = db.OpenConnection();
        using var cmd = Sql.Command(conn, null, "INSERT INTO data_protection_key (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO NOTHING",
            friendlyName, element.ToString(SaveOptions.DisableFormatting));
        cmd.ExecuteNonQuery();
    }
}
