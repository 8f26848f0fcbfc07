using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClientPortal.App.Features.ApiKeys;
using ClientPortal.App.Hosting;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;

namespace ClientPortal.App.Endpoints.Api;

/// <summary>A page of a list and the cursor of the next one (null on the last page).</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// The integration API at /api/v1: Bearer API keys with scopes, a per-key rate limit, problem documents (RFC 9457) for
/// every error, cursor pagination, UTC ISO-8601 times and Idempotency-Key on the POSTs that grant, send or create.
/// </summary>
public static class ApiV1
{
    public const string Prefix = "/api/v1";
    public const string RateLimitPolicy = "api";
    public const int MaxLimit = 200;
    /// <summary>The largest body a call takes: 1,000 emails or 100 tags fit many times over.</summary>
    public const long MaxBodyBytes = 128 * 1024;

    public static bool IsApiRequest(HttpContext http) => http.Request.Path.StartsWithSegments(Prefix);

    /// <summary>The API and the inbound workflow hook: JSON in, problem documents out.</summary>
    public static bool TakesJson(HttpContext http) => IsApiRequest(http)
        || http.Request.Path.StartsWithSegments(InboundWorkflowEndpoints.PathPrefix);

    public static IServiceCollection AddIntegrationApi(this IServiceCollection services)
    {
        services.AddApiKeyAuthentication();
        services.AddSingleton<IdempotencyStore>();
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<JsonOptions>(o => ApiJson.Apply(o.SerializerOptions));
        // A body that cannot be read throws, so BadRequestPages answers it with a problem naming the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi("v1", o =>
        {
            // Generators (NSwag, Kiota, OpenAPI Generator) read 3.0 everywhere; 3.1 support varies.
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Client Portal API",
                    Version = "v1",
                    Description = "Contacts, offers, grants, magic links, emails, events and webhooks. Authenticate " +
                        "with an API key " +
                                  "(Settings → API keys) as 'Authorization: Bearer cpk_…'. Errors are RFC 9457 " +
                                      "problem documents.",
                };
                // Relative to where the document is served: the portal's own address, whatever it is configured to be.
                document.Servers = [new OpenApiServer { Url = "/", Description = "This portal" }];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "cpk_…",
                    Description = "An API key from Settings → API keys.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey",
                    document)] = [] }];
                NullableReferencesWithType(document);
                return Task.CompletedTask;
            });
            // Times go through the UTC converter, which the schema generator cannot see into: say what they are.
            o.AddSchemaTransformer((schema, context, _) =>
            {
                var type = context.JsonTypeInfo.Type;
                if (type == typeof(DateTime) || type == typeof(DateTime?))
                {
                    schema.Type = JsonSchemaType.String | (type == typeof(DateTime?) ? JsonSchemaType.Null : 0);
                    schema.Format = "date-time";
                }
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentEndpoint>().Any())
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = Idempotency.Header,
                        In = ParameterLocation.Header,
                        Required = false,
                        Description = "Any unique string (a UUID): a retry with the same key and request gets the " +
                            "first answer and changes nothing.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String,
                            MaxLength = Idempotency.MaxKeyLength },
                    });
                }
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>
    /// A nullable property of a named schema comes out as <c>oneOf: [{enum: [null], nullable: true}, {$ref}]</c>: a
    /// <c>nullable</c> without a <c>type</c>, which 3.0 does not define and client generators trip over. Written
    /// instead as <c>{type, nullable: true, oneOf: [{$ref}]}</c>, with the type of the schema referred to; the enums
    /// (words) say they are strings.
    /// </summary>
    private static void NullableReferencesWithType(OpenApiDocument document)
    {
        if (document.Components?.Schemas is not { } schemas) return;
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
            if (schema.Type is null && schema.Enum is { Count: > 0 } words
                && words.All(w => w?.GetValueKind() == System.Text.Json.JsonValueKind.String))
                schema.Type = JsonSchemaType.String;
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
        {
            if (schema.Properties is null) continue;
            foreach (var (name, property) in schema.Properties.ToList())
            {
                if (property.OneOf is not { Count: 2 } choices || choices.OfType<OpenApiSchemaReference>()
                    .FirstOrDefault() is not { } reference
                    || !choices.Any(c => c.Type == JsonSchemaType.Null || c.Enum is [null])) continue;
                var target = reference.Reference.Id is { } id
                    && schemas.TryGetValue(id, out var referred) ? referred.Type : null;
                schema.Properties[name] = new OpenApiSchema
                {
                    Type = (target ?? JsonSchemaType.Object) | JsonSchemaType.Null,
                    OneOf = [reference],
                    Description = property.Description,
                };
            }
        }
    }

    public static WebApplication MapApiV1(this WebApplication app)
    {
        app.MapOpenApi(Prefix + "/openapi.json");
        var api = app.MapGroup(Prefix).RequireAuthorization(ApiKeyAuthenticationHandler.SchemeName)
            .RequireRateLimiting(RateLimitPolicy);
        api.MapContactsApi();
        api.MapCatalogApi();
        api.MapGrantsApi();
        api.MapMagicLinksApi();
        api.MapMessagesApi();
        api.MapEventsApi();
        api.MapWorkflowRunsApi();
        api.MapWebhooksApi();
        api.MapFallback(() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: $"There is no such call. The calls are listed at {Prefix}/openapi.json.")).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// An API answer without a body (415, 405, …) becomes a problem document instead of the portal's not-found page:
    /// the page's status-code middleware is switched off for API requests, and the framework's problem writer takes
    /// over.
    /// </summary>
    public static IApplicationBuilder UseApiStatusCodes(this IApplicationBuilder app) =>
        app.UseWhen(TakesJson, api => api
        .Use((http, next) =>
        {
            if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
            // Answers carry contacts, links and secrets: no cache (a proxy's or a browser's) keeps them.
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            // Every body the API takes is JSON. Said here, before routing: the API's catch-all route would otherwise
            // answer a form post "not found" instead of "unsupported".
            if (HasBody(http.Request) && !IsJson(http.Request.ContentType))
                return WriteProblemAsync(http, StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                    "Send the body as JSON with 'Content-Type: application/json' (this one was " +
                        $"'{http.Request.ContentType ?? "not given"}').");
            return next(http);
        })
        .UseStatusCodePages());

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>A problem document written straight to the response (for middleware and handlers outside an
    /// endpoint).</summary>
    internal static Task WriteProblemAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    /// <summary>The interactive reference at /api/v1/reference, reading the served OpenAPI document.</summary>
    public static IApplicationBuilder UseApiReference(this IApplicationBuilder app) => app.UseSwaggerUI(o =>
    {
        o.RoutePrefix = Prefix.TrimStart('/') + "/reference";
        o.DocumentTitle = "Client Portal API";
        o.SwaggerEndpoint(Prefix + "/openapi.json", "Client Portal API v1");
    });

    /// <summary>The endpoint needs an API key with <paramref name="scope"/>.</summary>
    public static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder builder, string scope) =>
        builder.RequireAuthorization(ApiKeyAuthenticationHandler.Policy(scope))
            .WithDescription($"Needs the '{scope}' permission.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>Who made the call: the key, named in the audit trail.</summary>
    public static Actor Actor(HttpContext http) =>
        ApiKeys.ActorOf(ApiKeyAuthenticationHandler.CallerOf(http.User)
            ?? throw new InvalidOperationException("Not an API call."),
            http.Connection.RemoteIpAddress?.ToString());

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    /// <summary>A refused operation: field problems as a validation problem (400), anything else as a 400 or 409 with
    /// its words.</summary>
    public static ProblemHttpResult Refused(Outcome outcome, int status = StatusCodes.Status400BadRequest)
    {
        if (outcome.FieldProblems.Count > 0)
            return TypedResults.Problem(new HttpValidationProblemDetails(outcome.FieldProblems.GroupBy(f =>
                JsonNamingPolicy.CamelCase.ConvertName(f.Field))
                .ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()))
            {
                Status = status, Title = "The request was not valid", Detail = outcome.ErrorText,
            });
        return TypedResults.Problem(statusCode: status, title: "The request was refused", detail: outcome.ErrorText);
    }

    public static ProblemHttpResult Invalid(string field, string message) => Refused(Outcome.Invalid(field, message));

    /// <summary>Cursors are opaque to callers (they may change shape); today they carry the last id of a
    /// page.</summary>
    public static string? NextCursor<T>(IReadOnlyList<T> items, int limit, Func<T, long> id) =>
        items.Count < limit
            || items.Count == 0 ? null
            : Convert.ToBase64String(Encoding.ASCII.GetBytes("after:" + id(items[^1])
            .ToString(CultureInfo.InvariantCulture)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <returns>The id after which the page starts (0 for the first page), or null for a cursor this API did not
    /// make.</returns>
    public static long? After(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return 0;
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(padded));
            return text.StartsWith("after:", StringComparison.Ordinal)
                && long.TryParse(text[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// An enum in the query, in the words the bodies use (camelCase, any case accepted): the framework's own binding
    /// would take only the C# spelling.
    /// </summary>
    public static ProblemHttpResult? Word<T>(string field, string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrEmpty(text)) return null;
        if (Enum.TryParse<T>(text, ignoreCase: true, out var parsed) && !int.TryParse(text, out _))
        {
            value = parsed;
            return null;
        }
        return Invalid(field,
            $"Unknown {field} '{text}'. Use " +
                $"{string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName))}.");
    }

    /// <summary>Reads the paging parameters; a problem when they are out of range.</summary>
    public static ProblemHttpResult? Paging(string? cursor, int? limit, out long after, out int take)
    {
        take = limit ?? 50;
        after = 0;
        if (take is < 1 or > MaxLimit) return Invalid("limit", $"The limit must be between 1 and {MaxLimit}.");
        if (After(cursor) is not { } a) return Invalid("cursor",
            "This cursor was not made by this API; pass the nextCursor of the previous page.");
        after = a;
        return null;
    }

    /// <summary>An unexpected failure of an API call: a 500 problem document (logged by the framework), never the HTML
    /// error page.</summary>
    private sealed class ApiExceptionHandler(IProblemDetailsService problems)
        : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (!TakesJson(http)) return false;
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = 500, Title = "Something went wrong",
                    Detail = "The portal could not finish this call. Retry it later (a POST with the same " +
                    "Idempotency-Key)." },
            });
        }
    }
}
