using Microsoft.Extensions.Configuration;

namespace ImeBridge.Hosting.Engines;

/// <summary>
/// Where state, the workflow queue and documents live, read from configuration so that moving from one machine to
/// Azure is configuration only: <c>store</c> (<c>sqlite</c>, the default, or <c>postgres</c>), <c>bus</c>
/// (<c>embedded</c>, the default: the queue in the store's own database, or <c>servicebus</c>), and the
/// <c>postgres</c>, <c>serviceBus</c> and <c>documents:blob</c> sections. Secrets (connection strings) are never
/// echoed in an error.
/// </summary>
public sealed record EngineSettings(
    StateEngine Store,
    BusEngine Bus,
    string? PostgresConnectionString,
    ServiceBusSettings? ServiceBus,
    BlobDocumentsSettings? BlobDocuments)
{
    public const string StoreKey = "store";
    public const string BusKey = "bus";
    public const string PostgresConnectionStringKey = "postgres:connectionString";
    public const string PostgresManagedIdentityKey = "postgres:useManagedIdentity";
    public const string ServiceBusConnectionStringKey = "serviceBus:connectionString";
    public const string ServiceBusNamespaceKey = "serviceBus:fullyQualifiedNamespace";
    public const string ServiceBusQueueNameKey = "serviceBus:queueName";
    public const string BlobConnectionStringKey = "documents:blob:connectionString";
    public const string BlobServiceUriKey = "documents:blob:serviceUri";
    public const string BlobContainerKey = "documents:blob:container";
    public const string LinkKeyKey = "documents:linkKey";

    public const string DefaultQueueName = "workflow";
    public const string DefaultContainer = "documents";

    /// <summary>
    /// PostgreSQL signs in with a Microsoft Entra token of the app's identity (<c>postgres:useManagedIdentity</c>) instead
    /// of a password: the connection string names host, database and the identity's role, and carries no password.
    /// </summary>
    public bool PostgresUseManagedIdentity { get; init; }

    /// <summary>SQLite, its own queue and local documents: <c>imebridge serve</c> with nothing configured.</summary>
    public bool IsEmbedded => Store == StateEngine.Sqlite && Bus == BusEngine.Embedded && BlobDocuments is null;

    /// <summary>Reads and checks the engine keys; an invalid combination fails with every problem named by its key.</summary>
    public static EngineSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var store = Parse(configuration[StoreKey], StoreKey, StateEngine.Sqlite, problems);
        var bus = Parse(configuration[BusKey], BusKey, BusEngine.Embedded, problems);

        var postgres = Value(configuration, PostgresConnectionStringKey);
        if (store == StateEngine.Postgres && postgres is null)
        {
            problems.Add($"{PostgresConnectionStringKey} is required when {StoreKey} is postgres");
        }

        var managedIdentity = PostgresManagedIdentity(configuration[PostgresManagedIdentityKey], store, postgres, problems);

        ServiceBusSettings? serviceBus = null;
        if (bus == BusEngine.ServiceBus)
        {
            if (store != StateEngine.Postgres)
            {
                problems.Add($"{BusKey} servicebus needs {StoreKey} postgres: messages reach Service Bus through PostgreSQL's transactional outbox");
            }

            var connectionString = Value(configuration, ServiceBusConnectionStringKey);
            var fullyQualifiedNamespace = Value(configuration, ServiceBusNamespaceKey);
            if ((connectionString is null) == (fullyQualifiedNamespace is null))
            {
                problems.Add($"{BusKey} servicebus needs exactly one of {ServiceBusConnectionStringKey} or {ServiceBusNamespaceKey} (managed identity)");
            }

            serviceBus = new ServiceBusSettings(connectionString, fullyQualifiedNamespace, Value(configuration, ServiceBusQueueNameKey) ?? DefaultQueueName);
        }

        BlobDocumentsSettings? blob = null;
        var blobConnectionString = Value(configuration, BlobConnectionStringKey);
        var blobServiceUri = Value(configuration, BlobServiceUriKey);
        if (blobConnectionString is not null || blobServiceUri is not null)
        {
            Uri? serviceUri = null;
            if (blobConnectionString is not null && blobServiceUri is not null)
            {
                problems.Add($"set one of {BlobConnectionStringKey} or {BlobServiceUriKey} (managed identity), not both");
            }
            else if (blobServiceUri is not null && (!Uri.TryCreate(blobServiceUri, UriKind.Absolute, out serviceUri) || serviceUri.Scheme is not ("https" or "http")))
            {
                problems.Add($"{BlobServiceUriKey} must be an absolute http(s) URL such as https://account.blob.core.windows.net/");
            }

            if (Value(configuration, LinkKeyKey) is null)
            {
                problems.Add($"{LinkKeyKey} is required with Blob documents: every instance must sign and check packet and report links with the same key");
            }

            blob = new BlobDocumentsSettings(blobConnectionString, serviceUri, Value(configuration, BlobContainerKey) ?? DefaultContainer);
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid engine configuration: " + string.Join("; ", problems) + ".");
        }

        return new EngineSettings(store, bus, postgres, serviceBus, blob) { PostgresUseManagedIdentity = managedIdentity };
    }

    private static bool PostgresManagedIdentity(string? value, StateEngine store, string? connectionString, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (!bool.TryParse(value.Trim(), out var useManagedIdentity))
        {
            problems.Add($"{PostgresManagedIdentityKey} must be true or false, not '{value.Trim()}'");
            return false;
        }

        if (!useManagedIdentity)
        {
            return false;
        }

        if (store != StateEngine.Postgres)
        {
            problems.Add($"{PostgresManagedIdentityKey} needs {StoreKey} postgres");
        }
        else if (connectionString is not null && HasPassword(connectionString) is { } why)
        {
            problems.Add($"{PostgresConnectionStringKey} {why} with {PostgresManagedIdentityKey}: the token is the password");
        }

        return true;
    }

    // Never echoes the connection string: only whether it parses and carries a password.
    private static string? HasPassword(string connectionString)
    {
        try
        {
            return new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Password is { Length: > 0 } ? "must not carry a password" : null;
        }
        catch (ArgumentException)
        {
            return "is not a valid connection string";
        }
    }

    private static string? Value(IConfiguration configuration, string key) =>
        string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();

    private static T Parse<T>(string? value, string key, T fallback, List<string> problems)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        problems.Add($"{key} must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}, not '{value.Trim()}'");
        return fallback;
    }
}

/// <summary>Where referrals, the case file and every ledger live.</summary>
public enum StateEngine
{
    Sqlite,
    Postgres,
}

/// <summary>What carries the workflow's messages.</summary>
public enum BusEngine
{
    /// <summary>The queue in the state store's own database (SQLite or PostgreSQL), written in the same transaction.</summary>
    Embedded,

    /// <summary>Azure Service Bus, fed by PostgreSQL's transactional outbox.</summary>
    ServiceBus,
}

/// <param name="ConnectionString">A connection string (the local endpoint, or a key from Key Vault); null with a namespace.</param>
/// <param name="FullyQualifiedNamespace"><c>name.servicebus.windows.net</c>, reached with the managed identity.</param>
public sealed record ServiceBusSettings(string? ConnectionString, string? FullyQualifiedNamespace, string QueueName);

/// <param name="ConnectionString">A connection string (Azurite, or a key from Key Vault); null with a service URI.</param>
/// <param name="ServiceUri">The account's blob endpoint, reached with the managed identity.</param>
public sealed record BlobDocumentsSettings(string? ConnectionString, Uri? ServiceUri, string Container);
