using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ClientPortal.Infrastructure.Data;

/// <summary>
/// A mapped entity's single-row INSERT built from EF's model: table, columns, store types and value converters, so it
/// cannot drift from what SaveChanges writes. Used where EF's change tracker costs too much per row (bulk sends, the
/// sign-in writer).
/// </summary>
internal sealed class RowInsert
{
    // By entity type and provider: every model in a process is PortalDbContext's for one provider or the other (tests
    // build many), and keying by model instance would keep each of them alive.
    private static readonly ConcurrentDictionary<(Type, bool, bool), RowInsert> Built = new();

    public string Table { get; }
    public string Sql { get; }
    /// <summary>A single-column key (null for a composite one); an integer key is a column only when the caller assigns
    /// it.</summary>
    public IProperty? Key { get; }
    /// <summary>The columns written, in order, each with its store type without facets ("character varying", not
    /// "(320)").</summary>
    public IReadOnlyList<(string Name, string StoreType)> Columns { get; }
    private readonly IProperty[] _properties;
    private readonly RelationalTypeMapping[] _mappings;
    private readonly IClrPropertyGetter[] _getters;

    private RowInsert(IEntityType entity, bool withKey)
    {
        Table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(Table, entity.GetSchema());
        Key = entity.FindPrimaryKey()!.Properties is [var single] ? single : null;
        var storeMakesKey = !withKey && Key is { ValueGenerated: ValueGenerated.OnAdd } && Key.ClrType == typeof(long);
        _properties = entity.GetProperties()
            .Where(p => p.GetColumnName(store) is not null && !(storeMakesKey && p == Key)).ToArray();
        _mappings = _properties.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToArray();
        _getters = _properties.Select(p => p.GetGetter()).ToArray();
        Columns = _properties.Select((p, i) => (p.GetColumnName(store)!, _mappings[i].StoreType.Split('(')[0]))
            .ToArray();
        Sql = $"""
            INSERT INTO "{Table}" ({string.Join(", ", _properties.Select(p => $"\"{p.GetColumnName(store)}\""))})
            VALUES ({string.Join(", ", _properties.Select((_, i) => $"@c{i}"))})
            """;
    }

    /// <param name="withKey">The caller assigns integer keys; otherwise the database does.</param>
    /// <param name="postgreSql">The model is PostgreSQL's (its type mappings differ from SQLite's).</param>
    public static RowInsert For(IModel model, Type type, bool postgreSql, bool withKey = false) =>
        Built.GetOrAdd((type, withKey, postgreSql), k =>
            new RowInsert(model.FindEntityType(k.Item1)
                ?? throw new InvalidOperationException($"{k.Item1.Name} is not mapped."), k.Item2));

    /// <summary>The row's value for column <paramref name="i"/>, converted as SaveChanges converts it (null for
    /// NULL).</summary>
    public object? Value(object row, int i)
    {
        var value = _getters[i].GetClrValue(row);
        return _mappings[i].Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }

    /// <summary>
    /// Binds <paramref name="row"/> to <paramref name="command"/> (whose text is <see cref="Sql"/>). Its parameters are
    /// made once, typed by the model's mappings; later rows only set values (making them per row was a third of an
    /// insert).
    /// </summary>
    public void Bind(DbCommand command, object row)
    {
        if (command.Parameters.Count != _mappings.Length)
        {
            command.Parameters.Clear();
            for (var i = 0; i < _mappings.Length; i++)
                command.Parameters.Add(_mappings[i].CreateParameter(command, $"@c{i}", null,
                    _properties[i].IsNullable));
        }
        // The mapping's converter (enums, Guids as text, ...) applied as SaveChanges applies it.
        for (var i = 0; i < _mappings.Length; i++) command.Parameters[i].Value = Value(row, i) ?? DBNull.Value;
    }
}
