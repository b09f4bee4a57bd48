namespace CodeExecution.Functions.Tests;

/// <summary>Azurite plus one started app host, with unique container and table names for the run.</summary>
public sealed class FunctionsAppFixture : IAsyncLifetime
{
    private TestHost? _host;
    private AzuriteServer? _azurite;

    public AzuriteServer Azurite => _azurite ?? throw new InvalidOperationException("Not started.");

    public TestHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public StorageNamesForRun Names { get; } = StorageNamesForRun.Unique();

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _host = await TestHost.StartAsync(TestHost.Settings(_azurite, Names));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FunctionsAppCollection : ICollectionFixture<FunctionsAppFixture>
{
    public const string Name = "functions app on Azurite";
}
