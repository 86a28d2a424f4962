using System.Text;
using System.Text.Json;
using CiteEmploi.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CiteEmploi.Web.Features.Annuaire.DataInclusion;

/// <summary>
/// Inserts many new aggregates of one type with a single prepared INSERT, inside the context's current transaction.
/// EF Core's change tracking costs several times the SQLite work for tens of thousands of rows (the import's figure);
/// this writes the same columns EF would: every column and its provider value come from EF's own model (type mappings
/// and converters: Guids, enums as names, dates, lists as JSON), and complex properties stored as JSON are written
/// with the complex type's mapped properties. The rows are not tracked and their domain events are left to the caller.
/// </summary>
internal static class BulkInsert
{
    public static async Task InsertAsync<T>(AppDbContext db, IReadOnlyList<T> entities, CancellationToken cancellationToken) where T : class
    {
        if (entities.Count == 0)
        {
            return;
        }
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not mapped.");
        var scalars = entityType.GetProperties().ToList();
        var complexes = entityType.GetComplexProperties().ToList();
        var columns = scalars.Select(p => p.GetColumnName())
            .Concat(complexes.Select(c => c.ComplexType.GetContainerColumnName() ?? c.Name))
            .ToList();

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"INSERT INTO \"{entityType.GetTableName()}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                                  $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
            // each parameter is made once by the property's type mapping (provider type, as EF configures its own), then
            // given the value the mapping's converter produces (enums as names, lists as JSON…)
            var mappings = scalars.Select(p => p.GetRelationalTypeMapping()).ToList();
            var getters = scalars.Select(p => p.GetGetter()).ToList();
            var parameters = scalars.Select((p, i) => mappings[i].CreateParameter(command, $"@p{i}", null, p.IsNullable)).ToList();
            parameters.AddRange(complexes.Select((_, j) =>
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{scalars.Count + j}";
                return parameter;
            }));
            command.Parameters.AddRange(parameters.ToArray());
            await command.PrepareAsync(cancellationToken);
            foreach (var entity in entities)
            {
                for (var i = 0; i < scalars.Count; i++)
                {
                    var value = getters[i].GetClrValue(entity);
                    var converter = mappings[i].Converter;
                    parameters[i].Value = (value is null ? null : converter is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
                }
                for (var j = 0; j < complexes.Count; j++)
                {
                    parameters[scalars.Count + j].Value = Json(complexes[j], complexes[j].GetGetter().GetClrValue(entity)) ?? (object)DBNull.Value;
                }
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A complex value as the JSON object EF stores: its mapped properties by name, null when absent.</summary>
    private static string? Json(IComplexProperty property, object? value)
    {
        if (value is null)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in property.ComplexType.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                writer.WritePropertyName(member.GetJsonPropertyName() ?? member.Name);
                JsonSerializer.Serialize(writer, member.GetGetter().GetClrValue(value), member.ClrType);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
