using ClientPortal.Domain.Entities;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace ClientPortal.Tests.Architecture;

/// <summary>The layers hold: the domain (entities, their rules, events) knows no database, web framework, mail
/// transport or file system.</summary>
public class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Domain = typeof(Contact).Assembly;

    [Fact]
    public void The_domain_references_no_database_web_framework_or_mail_transport()
    {
        var forbidden = new[] { "Microsoft.EntityFrameworkCore", "Microsoft.Data.Sqlite", "Npgsql", "Microsoft.AspNetCore", "MailKit", "MimeKit",
            "StackExchange.Redis", "Microsoft.Extensions.Hosting" };
        var referenced = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(referenced, name => forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void No_domain_type_touches_the_file_system_sockets_or_smtp()
    {
        var result = Types.InAssembly(Domain).ShouldNot().HaveDependencyOnAny(
            "System.IO.File", "System.IO.Directory", "System.IO.FileStream", "System.IO.FileInfo", "System.IO.DirectoryInfo",
            "System.Net.Mail.SmtpClient", "System.Net.Sockets", "System.Net.Http", "Microsoft.EntityFrameworkCore").GetResult();
        Assert.True(result.IsSuccessful, "These domain types reach outside the domain: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Features_write_through_ef_or_named_infrastructure_methods_and_compose_no_sql()
    {
        var result = Types.InAssembly(typeof(ClientPortal.App.Features.PortalFeatures).Assembly)
            // RelationalDatabaseFacadeExtensions holds ExecuteSql and SqlQuery; the raw statements of WriteSession are internal to
            // the infrastructure, so the compiler already keeps them out.
            .ShouldNot().HaveDependencyOnAny("Microsoft.Data.Sqlite", "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions",
                "MailKit", "MimeKit").GetResult();
        Assert.True(result.IsSuccessful, "These app types reach past the infrastructure: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Features_write_no_audit_rows_by_hand()
    {
        // Publishing is internal to the infrastructure (the compiler keeps features out); audit rows are written by the same
        // commit hooks from the Audited events features raise. The demo seeds a made-up history, so it writes old rows itself.
        var app = typeof(ClientPortal.App.Features.PortalFeatures).Assembly;
        using var module = ModuleDefinition.ReadModule(app.Location);
        var writers = module.GetTypes()
            .Where(t => !t.FullName.StartsWith("ClientPortal.App.Features.Demo.", StringComparison.Ordinal))
            .SelectMany(t => t.Methods.Where(m => m.HasBody).Select(m => (Type: t, Method: m)))
            .Where(x => x.Method.Body.Instructions.Any(i =>
                i.OpCode.Code is Code.Newobj or Code.Call or Code.Callvirt
                && i.Operand is MethodReference { DeclaringType.FullName: "ClientPortal.Domain.Entities.AuditEvent" } called
                && called.Name is ".ctor" or "Of"))
            .Select(x => $"{x.Type.FullName}.{x.Method.Name}")
            .ToList();
        Assert.True(writers.Count == 0, "These app methods build audit rows by hand: " + string.Join(", ", writers));
    }

    [Fact]
    public void Components_reach_the_data_through_features_not_the_infrastructure()
    {
        var components = Types.InAssembly(typeof(ClientPortal.App.Features.PortalFeatures).Assembly)
            .That().ResideInNamespace("ClientPortal.App.Components");
        Assert.Contains(components.GetTypes(), t => t.Name == "ContactCard");
        var result = components.ShouldNot().HaveDependencyOn("ClientPortal.Infrastructure").GetResult();
        Assert.True(result.IsSuccessful, "These components use the infrastructure directly: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    /// <summary>Entities whose state follows rules: it changes only through their behaviour, which raises its events.</summary>
    [Theory]
    [InlineData(typeof(MagicLink))]
    [InlineData(typeof(Grant))]
    [InlineData(typeof(WebhookDelivery))]
    [InlineData(typeof(Contact))]
    public void Guarded_state_has_no_setter_outside_its_entity(Type entity)
    {
        var settable = entity.GetProperties()
            .Where(p => p.SetMethod is { IsPublic: true } set
                        && !set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)))
            .Select(p => p.Name).ToList();
        Assert.True(settable.Count == 0, $"{entity.Name} lets anyone set: {string.Join(", ", settable)}");
    }

    [Fact]
    public void The_tests_do_not_depend_on_the_benchmarks()
    {
        var referenced = typeof(ArchitectureTests).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("ClientPortal.Bench", referenced);
        Assert.Contains("ClientPortal.Testing", referenced); // the servers both share live apart from either
    }
}
