using System.Text;
using System.Text.Unicode;
using ClientPortal.Domain;
using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Data;
using CsvHelper;

namespace ClientPortal.App.Features.Contacts;

/// <summary>
/// Reads a UTF-8 CSV with a header row into (line number, field lookup) pairs; tolerant of BOMs, quotes and header
/// case. A file in another encoding is refused rather than read with replacement characters, and control characters are
/// removed from fields with <see cref="Row.Cleaned"/> set, so the caller can say so: nothing is changed silently.
/// </summary>
public static class CsvRows
{
    /// <param name="Cleaned">Control characters (NUL, line breaks inside quotes, tabs…) were removed from a
    /// field.</param>
    public sealed record Row(int Line, IReadOnlyDictionary<string, string> Fields, bool Cleaned = false)
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
        if (header.Any(h => h.Contains('\uFFFD'))) throw new InvalidDataException(NotUtf8(1));
        foreach (var required in requiredColumns)
            if (!header.Contains(required))
                throw new InvalidDataException($"The header row has no '{required}' column (found: " +
                    $"{string.Join(", ", header)}).");

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
            if (!Utf8.IsValid(csv.RawRecord)) throw new InvalidDataException(NotUtf8((int)csv.LineNumber));
            var fields = new Dictionary<string, string>();
            var cleaned = false;
            for (var i = 0; i < header.Length; i++)
            {
                var value = i < csv.FieldCount ? csv.GetString(i) : "";
                if (Text.NeedsCleaning(value)) cleaned = true;
                fields[header[i]] = Text.SingleLine(value);
            }
            if (fields.Values.All(v => v.Length == 0)) continue;
            yield return new Row((int)csv.LineNumber, fields, cleaned);
        }
    }

    private static string NotUtf8(int line) =>
        $"Line {line} is not UTF-8 text: the file was probably saved as Latin-1 or Windows \"CSV\". " +
        "Save it as \"CSV UTF-8\" (Excel, Numbers and Google Sheets all offer it) and choose it again. Nothing was " +
            "imported.";
}
