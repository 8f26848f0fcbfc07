namespace ClientPortal.Domain;

public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
