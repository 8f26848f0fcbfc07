namespace ClientPortal.Domain.Messaging;

/// <summary>What a message template must hold: the fields it may use, and the ones it cannot do without.</summary>
public static class TemplateRules
{
    /// <summary>Fields only some templates carry.</summary>
    public static IReadOnlyCollection<string> ExtraFields(string key) => key switch
    {
        DefaultTemplates.LoginCode => ["code"],
        DefaultTemplates.PasswordReset => ["reset_url"],
        _ => [],
    };

    public static bool CarriesLoginLink(string key) => key is DefaultTemplates.Invite or DefaultTemplates.LoginEmail;

    /// <summary>A template's problems, each about its <c>Subject</c> or its <c>Body</c>.</summary>
    public static Problems Check(string key, string subject, string body)
    {
        const string Subject = "Subject", Body = "Body";
        var problems = new Problems();
        if (string.IsNullOrWhiteSpace(subject)) problems.Add(Subject, "The subject is required.");
        else if (subject.Length > 300) problems.Add(Subject, "The subject is too long (300 characters at most).");
        if (string.IsNullOrWhiteSpace(body)) problems.Add(Body, "The body is required.");
        var extra = ExtraFields(key);
        foreach (var e in MergeFields.Validate(subject, allowLoginUrl: false, extra)) problems.Add(Subject, e);
        foreach (var e in MergeFields.Validate(body, CarriesLoginLink(key), extra)) problems.Add(Body, e);
        if (CarriesLoginLink(key) && MergeFields.Find(body).All(p => p.Name != "login_url"))
            problems.Add(Body, "This message must contain {{login_url}}: it is how the recipient signs in.");
        foreach (var required in extra)
            if (!MergeFields.Find(subject + body).Any(p => p.Name == required))
                problems.Add(Body, $"This message must contain {{{{{required}}}}}.");
        return problems;
    }
}
