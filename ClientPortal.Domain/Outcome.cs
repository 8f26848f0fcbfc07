using System.Collections;

namespace ClientPortal.Domain;

/// <summary>The result of a domain operation: success, or messages a person can act on.</summary>
public record Outcome(IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
    public string ErrorText => string.Join(" ", Errors);

    /// <summary>Which of <see cref="Errors"/> are about one input field (named by the input's property), so a form can
    /// show them beside it.</summary>
    public IReadOnlyList<FieldProblem> FieldProblems { get; init; } = [];

    public static readonly Outcome Ok = new([]);
    public static Outcome Fail(params string[] errors) => new(errors);
    public static Outcome Invalid(Problems problems) => new(problems.ToList()) { FieldProblems = problems.ForFields };
    public static Outcome Invalid(string field, string message) => Invalid(new Problems { { field, message } });

    /// <summary>This failure as the failure of an operation with another result: the same messages, on the same
    /// fields.</summary>
    public Outcome<T> FailureAs<T>() => new(default, Errors) { FieldProblems = FieldProblems };
}

public sealed record Outcome<T>(T? Value, IReadOnlyList<string> Errors) : Outcome(Errors)
{
    public static Outcome<T> Success(T value) => new(value, []);
    public static new Outcome<T> Fail(params string[] errors) => new(default, errors);
    public static Outcome<T> Fail(IEnumerable<string> errors) => new(default, errors.ToList());
    public static new Outcome<T> Invalid(Problems problems) =>
        new(default, problems.ToList()) { FieldProblems = problems.ForFields };
    public static new Outcome<T> Invalid(string field, string message) => Invalid(new Problems { { field, message } });
}

/// <summary>A message about one input field.</summary>
public sealed record FieldProblem(string Field, string Message);

/// <summary>
/// The messages a validation rule found, in order; those about one field carry its name (the input record's property),
/// so the rule stays in the domain and a form still puts each message next to its field.
/// </summary>
public sealed class Problems : IReadOnlyList<string>
{
    private readonly List<(string? Field, string Message)> items = [];

    public void Add(string message) => items.Add((null, message));
    public void Add(string field, string message) => items.Add((field, message));
    public void AddRange(IEnumerable<string> messages) { foreach (var m in messages) Add(m); }

    public IReadOnlyList<FieldProblem> ForFields => items.Where(i => i.Field is not null)
        .Select(i => new FieldProblem(i.Field!, i.Message)).ToList();

    public int Count => items.Count;
    public string this[int index] => items[index].Message;
    public IEnumerator<string> GetEnumerator() => items.Select(i => i.Message).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
