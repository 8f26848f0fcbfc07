using ClientPortal.Domain.Entities;
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
}
