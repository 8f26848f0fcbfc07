namespace ClientPortal.Domain.Messaging;

public sealed record TemplateText(string Key, string Name, string Subject, string Body);

/// <summary>The messages every portal starts with (Markdown bodies with merge fields).</summary>
public static class DefaultTemplates
{
    public const string Invite = "invite";
    public const string LoginEmail = "login-email";
    public const string LoginCode = "login-code";
    public const string PasswordReset = "password-reset";
    public const string PasswordChanged = "password-changed";

    public static readonly IReadOnlyList<TemplateText> All =
    [
        new(Invite, "Invite", "You're invited to {{portal.name}}",
            """
            Hi {{contact.first_name}},

            You now have access to **{{portal.name}}**. One click takes you in, no password needed:

            [Open {{portal.name}}]({{login_url}})

            If the button does not work, copy this address into your browser: {{login_url}}
            """),
        new(LoginEmail, "Login email", "Your sign-in link for {{portal.name}}",
            """
            Hi {{contact.first_name}},

            Here is your one-click sign-in link for **{{portal.name}}**:

            [Sign in to {{portal.name}}]({{login_url}})

            If you did not ask for this, you can ignore this email.
            """),
        new(LoginCode, "Login code", "Your {{portal.name}} sign-in code: {{code}}",
            """
            Hi {{contact.first_name}},

            Your sign-in code for **{{portal.name}}** is **{{code}}**. It works for 10 minutes.

            If you did not ask for this, you can ignore this email.
            """),
        new(PasswordReset, "Password reset", "Reset your {{portal.name}} password",
            """
            Hi {{contact.first_name}},

            Someone (hopefully you) asked to reset your password for **{{portal.name}}**.

            [Choose a new password]({{reset_url}})

            The link works once, for one hour. If you did not ask for this, you can ignore this email.
            """),
        new(PasswordChanged, "Password changed", "Your {{portal.name}} password was changed",
            """
            Hi {{contact.first_name}},

            The password of your **{{portal.name}}** account was just set or changed.
            If this was not you, reset it from the sign-in page and contact us.
            """),
    ];

    public static TemplateText Get(string key) => All.First(t => t.Key == key);

    /// <summary>Settings' "Send test email": the portal's layout as learners get it. Not retried when it fails (the
    /// person testing is waiting for the answer now).</summary>
    public static readonly TemplateText SmtpTest = new("smtp-test", "Test email", "Test email from {{portal.name}}",
        """
        This is a test email from **{{portal.name}}**. Delivery works, and the emails your learners get look like
        this one.
        """);

    /// <summary>
    /// A team invitation: to a person who is not a contact, so it is not among the templates creators edit. Its
    /// fields: member.name, invited_by, role, role.may, accept_url and the portal's.
    /// </summary>
    public static readonly TemplateText TeamInvite = new("team-invite", "Team invitation",
        "{{invited_by}} invited you to the team of {{portal.name}}",
        """
        Hi {{member.name}},

        {{invited_by}} invited you to help run **{{portal.name}}** as **{{role}}**, who may {{role.may}}.

        [Choose your password]({{accept_url}})

        If the button does not work, copy this address into your browser: {{accept_url}}
        """);
}
