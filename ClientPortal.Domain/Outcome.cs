namespace ClientPortal.Domain;

/// <summary>The result of a domain operation: success, or messages a person can act on.</summary>
public record Outcome(IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
    public string ErrorText => string.Join(" ", Errors);

    public static readonly Outcome Ok = new([]);
    public static Outcome Fail(params string[] errors) => new(errors);
}

public sealed record Outcome<T>(T? Value, IReadOnlyList<string> Errors) : Outcome(Errors)
{
    public static Outcome<T> Success(T value) => new(value, []);
    public static new Outcome<T> Fail(params string[] errors) => new(default, errors);
    public static Outcome<T> Fail(IEnumerable<string> errors) => new(default, errors.ToList());
}
