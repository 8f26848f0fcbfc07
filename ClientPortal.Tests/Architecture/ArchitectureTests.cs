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
        var forbidden = new[] { "Microsoft.EntityFrameworkCore", "Microsoft.Data.Sqlite", "Npgsql",
            "Microsoft.AspNetCore", "MailKit", "MimeKit",
            "StackExchange.Redis", "Microsoft.Extensions.Hosting" };
        var referenced = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(referenced, name => forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void No_domain_type_touches_the_file_system_sockets_or_smtp()
    {
        var result = Types.InAssembly(Domain).ShouldNot().HaveDependencyOnAny(
            "System.IO.File", "System.IO.Directory", "System.IO.FileStream", "System.IO.FileInfo",
                "System.IO.DirectoryInfo",
            "System.Net.Mail.SmtpClient", "System.Net.Sockets", "System.Net.Http", "Microsoft.EntityFrameworkCore")
                .GetResult();
        Assert.True(result.IsSuccessful,
            "These domain types reach outside the domain: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Features_write_through_ef_or_named_infrastructure_methods_and_compose_no_sql()
    {
        var result = Types.InAssembly(typeof(ClientPortal.App.Features.PortalFeatures).Assembly)
            // RelationalDatabaseFacadeExtensions holds ExecuteSql and SqlQuery; the raw statements of WriteSession are
            // internal to the infrastructure, so the compiler already keeps them out.
            .ShouldNot()
                .HaveDependencyOnAny("Microsoft.Data.Sqlite",
                "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions",
                "MailKit", "MimeKit").GetResult();
        Assert.True(result.IsSuccessful,
            "These app types reach past the infrastructure: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    private static readonly System.Reflection.Assembly[] Production =
        [Domain, typeof(ClientPortal.Infrastructure.Data.PortalDbContext).Assembly,
            typeof(ClientPortal.App.Features.PortalFeatures).Assembly];

    private static IEnumerable<(TypeDefinition Type,
        MethodDefinition Method)> Methods(System.Reflection.Assembly assembly)
    {
        var module = ModuleDefinition.ReadModule(assembly.Location);
        return module.GetTypes().SelectMany(t => t.Methods.Where(m => m.HasBody).Select(m => (t, m)));
    }

    // Nested and compiler-made types (lambdas, async state machines) count as the type they are written in.
    private static string Outer(TypeDefinition type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type.FullName;
    }

    [Fact]
    public void Audit_rows_come_from_the_one_mapping_of_events()
    {
        // Every audit row is AuditTrail's row of an event, written by the commit hooks; the demo seeds a made-up
        // history, so it writes old rows itself.
        var writers = Production.SelectMany(Methods)
            .Where(x => Outer(x.Type) is not ("ClientPortal.Domain.Events.AuditTrail" or
                "ClientPortal.App.Features.Demo.DemoData"
                or "ClientPortal.Domain.Entities.AuditEvent"))
            .Where(x => x.Method.Body.Instructions.Any(i =>
                i.OpCode.Code is Code.Newobj or Code.Call or Code.Callvirt
                && i.Operand is MethodReference { DeclaringType.FullName: "ClientPortal.Domain.Entities.AuditEvent" }
                    called
                && called.Name is ".ctor" or "Of"))
            .Select(x => $"{x.Type.FullName}.{x.Method.Name}")
            .ToList();
        Assert.True(writers.Count == 0, "These methods build audit rows by hand: " + string.Join(", ", writers));
    }

    [Fact]
    public void No_audit_code_is_spelled_outside_the_mapping()
    {
        // The codes are constants, so the compiler copies them where they are used: look for the strings. Besides the
        // mapping, only readers of the trail use them: the words on screen, the dashboard's feed, the bulk-grant
        // batches and the demo's history.
        var codes = typeof(ClientPortal.Domain.Events.AuditActions).GetFields()
            .Where(f => f.IsLiteral && f.Name != nameof(ClientPortal.Domain.Events.AuditActions.ContactEmail))
            .Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        string[] readers =
        [
            "ClientPortal.Domain.Events.AuditTrail", "ClientPortal.App.Components.Shared.Words",
                "ClientPortal.App.Features.Dashboard.PortalStats",
            "ClientPortal.App.Features.Access.GrantImport", "ClientPortal.App.Features.Demo.DemoData",
        ];
        var spelled = Production.SelectMany(Methods)
            .Where(x => !readers.Contains(Outer(x.Type)))
            .SelectMany(x => x.Method.Body.Instructions
                .Where(i => i.OpCode.Code == Code.Ldstr && codes.Contains((string)i.Operand))
                .Select(i => $"{x.Type.FullName}.{x.Method.Name}: {i.Operand}"))
            .ToList();
        Assert.Contains(Methods(Domain), x => x.Type.FullName == "ClientPortal.Domain.Events.AuditTrail"
            && x.Method.Body.Instructions.Any(i => i.OpCode.Code == Code.Ldstr && (string)i.Operand == "grant.revoke"));
        Assert.True(spelled.Count == 0, "Audit codes outside the mapping: " + string.Join(", ", spelled));
    }

    [Fact]
    public void The_app_writes_sign_ins_through_its_port_not_the_write_session()
    {
        // ISignInWrites (declared in the domain, implemented in the infrastructure) is how the app composes the sign-in
        // write; the batch and its statements stay behind it.
        string[] behind = ["ClientPortal.Infrastructure.Data.WriteSession",
            "ClientPortal.Infrastructure.Data.GroupCommit"];
        var app = Methods(typeof(ClientPortal.App.Features.PortalFeatures).Assembly).ToList();
        Assert.Contains(app,
            x => x.Method.Parameters.Any(p => p.ParameterType.FullName == "ClientPortal.Domain.SignIn.ISignInWork"));
        var reaching = app
            .Where(x => behind.Contains(x.Method.ReturnType.FullName)
                || x.Method.Parameters.Any(p => behind.Contains(p.ParameterType.FullName))
                || x.Method.Body.Instructions.Any(i =>
                    i.Operand is MemberReference { DeclaringType.FullName: var owner } && behind.Contains(owner)))
            .Select(x => $"{x.Type.FullName}.{x.Method.Name}")
            .Concat(app.Select(x => x.Type).Distinct().SelectMany(t => t.Fields)
                .Where(f => behind.Contains(f.FieldType.FullName)).Select(f => $"{f.DeclaringType.FullName}.{f.Name}"))
            .Distinct().ToList();
        Assert.True(reaching.Count == 0,
            "These app members use the write session directly: " + string.Join(", ", reaching));
    }

    [Fact]
    public void Components_reach_the_data_through_features_not_the_infrastructure()
    {
        var components = Types.InAssembly(typeof(ClientPortal.App.Features.PortalFeatures).Assembly)
            .That().ResideInNamespace("ClientPortal.App.Components");
        Assert.Contains(components.GetTypes(), t => t.Name == "ContactCard");
        var result = components.ShouldNot().HaveDependencyOn("ClientPortal.Infrastructure").GetResult();
        Assert.True(result.IsSuccessful,
            "These components use the infrastructure directly: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    /// <summary>Entities whose state follows rules: it changes only through their behaviour, which raises its
    /// events.</summary>
    [Theory]
    [InlineData(typeof(MagicLink))]
    [InlineData(typeof(Grant))]
    [InlineData(typeof(WebhookDelivery))]
    [InlineData(typeof(Contact))]
    public void Guarded_state_has_no_setter_outside_its_entity(Type entity)
    {
        var settable = entity.GetProperties()
            .Where(p => p.SetMethod is { IsPublic: true } set
                        && !set.ReturnParameter.GetRequiredCustomModifiers()
                            .Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)))
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
