namespace ClientPortal.Tests.Support;

/// <summary>Tests that measure the whole process (its heap): xunit runs this collection after the parallel ones, with
/// nothing beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    public const string Name = "measured alone";
}
