using System.Text;
using System.Text.Json;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CiteEmploi.Web.Features.Annuaire.DataInclusion;

/// <summary>
/// Inserts many new aggregates of one type with a single prepared INSERT (and updates many changed ones with a single
/// prepared UPDATE), inside the context's current transaction.
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
        var table = new Table(db, typeof(T));
        var sql = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c}\""))}) " +
                  $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"@p{i}"))})";
        await table.ExecuteAsync(db, sql, entities, versions: null, cancellationToken);
    }

    /// <summary>
    /// Writes every column of aggregates that were read untracked then changed, as EF's update would, with EF's optimistic
    /// concurrency: each row is written only if its version is still <paramref name="originalVersions"/>' (the version
    /// read before the change); otherwise <see cref="DbUpdateConcurrencyException"/>, as <c>SaveChanges</c> throws.
    /// </summary>
    public static async Task UpdateAsync<T>(AppDbContext db, IReadOnlyList<T> entities, IReadOnlyList<int> originalVersions, CancellationToken cancellationToken)
        where T : AggregateRoot
    {
        if (entities.Count == 0)
        {
            return;
        }
        var table = new Table(db, typeof(T));
        var key = table.Scalars.FindIndex(p => p.IsPrimaryKey());
        var version = table.Scalars.FindIndex(p => p.Name == nameof(AggregateRoot.Version) && p.IsConcurrencyToken);
        if (key < 0 || version < 0 || table.KeyColumns != 1)
        {
            throw new InvalidOperationException($"{typeof(T)} needs a single-column key and a Version concurrency token.");
        }
        var sql = $"UPDATE \"{table.Name}\" SET {string.Join(", ", table.Columns.Select((c, i) => (c, i)).Where(c => c.i != key).Select(c => $"\"{c.c}\" = @p{c.i}"))} " +
                  $"WHERE \"{table.Columns[key]}\" = @p{key} AND \"{table.Columns[version]}\" = @original";
        await table.ExecuteAsync(db, sql, entities, originalVersions, cancellationToken);
    }

    /// <summary>The columns of an entity type as EF maps them: scalar properties, then complex properties stored as JSON.</summary>
    private sealed class Table
    {
        public Table(AppDbContext db, Type type)
        {
            var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type} is not mapped.");
            Name = entityType.GetTableName()!;
            KeyColumns = entityType.FindPrimaryKey()?.Properties.Count ?? 0;
            Scalars = [.. entityType.GetProperties()];
            Complexes = [.. entityType.GetComplexProperties()];
            Columns = [.. Scalars.Select(p => p.GetColumnName()).Concat(Complexes.Select(c => c.ComplexType.GetContainerColumnName() ?? c.Name))];
        }

        public string Name { get; }

        public int KeyColumns { get; }

        public List<IProperty> Scalars { get; }

        public List<IComplexProperty> Complexes { get; }

        public List<string> Columns { get; }

        /// <summary>Runs the prepared statement once per entity, with the entity's values (and its original version, for an update).</summary>
        public async Task ExecuteAsync<T>(AppDbContext db, string sql, IReadOnlyList<T> entities, IReadOnlyList<int>? versions, CancellationToken cancellationToken)
            where T : class
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                command.CommandText = sql;
                // each parameter is made once by the property's type mapping (provider type, as EF configures its own), then
                // given the value the mapping's converter produces (enums as names, lists as JSON…)
                var mappings = Scalars.Select(p => p.GetRelationalTypeMapping()).ToList();
                var getters = Scalars.Select(p => p.GetGetter()).ToList();
                var parameters = Scalars.Select((p, i) => mappings[i].CreateParameter(command, $"@p{i}", null, p.IsNullable)).ToList();
                parameters.AddRange(Complexes.Select((c, j) =>
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = $"@p{Scalars.Count + j}";
                    // the JSON column's own type (PostgreSQL's jsonb takes no text without it); a string elsewhere
                    if (parameter is Npgsql.NpgsqlParameter postgreSql)
                    {
                        postgreSql.DataTypeName = c.ComplexType.GetContainerColumnType() ?? "jsonb";
                    }
                    else
                    {
                        parameter.DbType = System.Data.DbType.String;
                    }
                    return parameter;
                }));
                command.Parameters.AddRange(parameters.ToArray());
                var original = command.CreateParameter();
                if (versions is not null)
                {
                    original.ParameterName = "@original";
                    original.DbType = System.Data.DbType.Int32;
                    command.Parameters.Add(original);
                }
                await command.PrepareAsync(cancellationToken);
                for (var e = 0; e < entities.Count; e++)
                {
                    var entity = entities[e];
                    for (var i = 0; i < Scalars.Count; i++)
                    {
                        var value = getters[i].GetClrValue(entity);
                        var converter = mappings[i].Converter;
                        parameters[i].Value = (value is null ? null : converter is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
                    }
                    for (var j = 0; j < Complexes.Count; j++)
                    {
                        parameters[Scalars.Count + j].Value = Json(Complexes[j], Complexes[j].GetGetter().GetClrValue(entity)) ?? (object)DBNull.Value;
                    }
                    if (versions is not null)
                    {
                        original.Value = versions[e];
                    }
                    var written = await command.ExecuteNonQueryAsync(cancellationToken);
                    if (versions is not null && written != 1)
                    {
                        throw new DbUpdateConcurrencyException(
                            $"The {Name} row {parameters[Scalars.FindIndex(p => p.IsPrimaryKey())].Value} was changed or deleted since it was read (version {versions[e]}).");
                    }
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
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
