using System.Reflection;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;

namespace ClientPortal.Tests.Support;

/// <summary>
/// One instance of every domain event for each value of its flags and enums, so rules over events (the audit mapping,
/// what dashboards show) are checked against every event there is, including ones added later.
/// </summary>
public static class EventSamples
{
    public static readonly DateTime Now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    public static IReadOnlyList<IDomainEvent> All { get; } = Make().ToList();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var e in All) data.Add(e.ToString()!);
        return data;
    }

    private static IEnumerable<IDomainEvent> Make()
    {
        var types = typeof(IDomainEvent).Assembly.GetTypes()
            .Where(t => typeof(IDomainEvent).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false });
        foreach (var type in types)
        {
            var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            IEnumerable<object?[]> argumentSets = [[]];
            foreach (var p in ctor.GetParameters())
                argumentSets = argumentSets.SelectMany(args => Values(p).Select(v => (object?[])[.. args, v])).ToList();
            foreach (var args in argumentSets) yield return (IDomainEvent)ctor.Invoke(args);
        }
    }

    private static IEnumerable<object?> Values(ParameterInfo p)
    {
        var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        if (type == typeof(bool)) return [false, true];
        if (type.IsEnum) return Enum.GetValues(type).Cast<object?>();
        if (p.Name == "Method") return ["link", "code", "password", "passkey"];
        object? value = type switch
        {
            _ when type == typeof(long) => 7L,
            _ when type == typeof(int) => 3,
            _ when type == typeof(string) => $"{p.Name} text",
            _ when type == typeof(DateTime) => Now,
            _ when type == typeof(TimeSpan) => TimeSpan.FromMinutes(5),
            _ when type == typeof(Guid) => Guid.Parse("0b5e5f5e-0000-4000-8000-000000000001"),
            _ when type == typeof(Actor) => Seed.Admin,
            _ => throw new InvalidOperationException($"No sample for {type.Name} {p.Name}"),
        };
        return [value];
    }
}
