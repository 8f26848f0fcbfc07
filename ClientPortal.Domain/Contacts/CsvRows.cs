using CsvHelper;

namespace ClientPortal.Domain.Contacts;

/// <summary>Reads a CSV with a header row into (line number, field lookup) pairs; tolerant of BOMs, quotes and header case.</summary>
public static class CsvRows
{
    public sealed record Row(int Line, IReadOnlyDictionary<string, string> Fields)
    {
        public string? this[string column] => Fields.TryGetValue(column, out var v) && v.Length > 0 ? v : null;
    }

    private static readonly CsvReaderOptions Options = new()
    {
        HasHeader = true,
        TrimWhitespace = true,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
    };

    /// <exception cref="InvalidDataException">The file is not a readable CSV or lacks a required column.</exception>
    public static async IAsyncEnumerable<Row> ReadAsync(Stream stream, string[] requiredColumns,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var csv = CsvReader.Create(stream, Options, true);
        string[] header;
        try
        {
            await csv.ReadHeaderAsync(ct);
            header = csv.Headers.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        }
        catch (CsvFormatException ex)
        {
            throw new InvalidDataException($"The file is not a readable CSV: {ex.Message}");
        }
        if (header.Length == 0 || header.All(h => h.Length == 0)) throw new InvalidDataException("The file is empty.");
        foreach (var required in requiredColumns)
            if (!header.Contains(required))
                throw new InvalidDataException($"The header row has no '{required}' column (found: {string.Join(", ", header)}).");

        while (true)
        {
            bool more;
            try
            {
                more = await csv.ReadAsync(ct);
            }
            catch (CsvFormatException ex)
            {
                throw new InvalidDataException($"The file could not be read: {ex.Message}");
            }
            if (!more) yield break;
            var fields = new Dictionary<string, string>();
            for (var i = 0; i < header.Length; i++)
                fields[header[i]] = i < csv.FieldCount ? csv.GetString(i).Trim() : "";
            if (fields.Values.All(v => v.Length == 0)) continue;
            yield return new Row((int)csv.LineNumber, fields);
        }
    }
}
