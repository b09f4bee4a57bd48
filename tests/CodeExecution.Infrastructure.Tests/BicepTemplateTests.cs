using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CodeExecution.Functions;
using CodeExecution.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CodeExecution.Infrastructure.Tests;

public sealed class BicepTemplateTests(CompiledTemplateFixture fixture) : IClassFixture<CompiledTemplateFixture>
{
    private static readonly string[] IdentityConnectionSuffixes = ["accountName", "blobServiceUri", "queueServiceUri", "tableServiceUri", "credential", "clientId"];

    private ArmTemplate Main => fixture.Main;

    private ArmTemplate Api => Main.Module("api");

    private ArmTemplate Storage => Main.Module("storage");

    private ArmTemplate Rbac => Main.Module("rbac");

    [Fact]
    public void Build_MainBicep_CompilesWithoutDiagnostics()
    {
        Assert.Equal(0, fixture.Build.ExitCode);
        Assert.Equal("", fixture.Build.Stderr.Trim());
        Assert.Equal("subscriptionDeploymentTemplate.json#", ((string)Main.Json["$schema"]!).Split('/')[^1]);
    }

    [Fact]
    public async Task Lint_EveryBicepFile_HasNoWarningsOrErrors()
    {
        var files = Directory.GetFiles(Bicep.InfraDirectory, "*.bicep", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("main.bicep", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var lint = await Bicep.RunAsync("lint", Path.GetRelativePath(Bicep.InfraDirectory, file));

            // Warnings count as failures: a clean lint prints nothing at all.
            Assert.True(lint.ExitCode == 0 && lint.Stdout.Trim().Length == 0 && lint.Stderr.Trim().Length == 0,
                $"bicep lint {file}: exit {lint.ExitCode}\n{lint.Stdout}\n{lint.Stderr}");
        }
    }

    [Fact]
    public void Parameters_FileNamesOnlyTemplateParameters()
    {
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(Bicep.InfraDirectory, "main.parameters.json")))!["parameters"]!.AsObject();
        var declared = Main.Json["parameters"]!.AsObject();
        Assert.All(parameters.Select(p => p.Key), name => Assert.True(declared.ContainsKey(name), $"main.parameters.json sets {name}, which main.bicep does not declare"));
        Assert.Equal("${AZURE_ENV_NAME}", (string?)parameters["environmentName"]!["value"]);
        Assert.Equal("${AZURE_PRINCIPAL_ID}", (string?)parameters["principalId"]!["value"]);
    }

    [Fact]
    public void FunctionApp_RunsOnFlexConsumption_DotnetIsolated10_WithAlwaysReadyParameter()
    {
        var plan = Api.ResourcesOfType("Microsoft.Web/serverfarms").Single();
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.True((bool)plan["properties"]!["reserved"]!);

        var site = Api.ResourcesOfType("Microsoft.Web/sites").Single();
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        Assert.True((bool)site["properties"]!["httpsOnly"]!);
        var config = site["properties"]!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        Assert.Equal("UserAssignedIdentity", (string?)config["deployment"]!["storage"]!["authentication"]!["type"]);
        Assert.Contains("parameters('alwaysReadyInstances')", (string?)config["scaleAndConcurrency"]!["alwaysReady"]);
        Assert.Equal(
            "[add(parameters('codeExecution').maxConcurrency, parameters('codeExecution').maxWaitingRequests)]",
            (string?)config["scaleAndConcurrency"]!["triggers"]!["http"]!["perInstanceConcurrency"]);
        Assert.Contains("'azd-service-name', 'api'", (string?)site["tags"]);

        var alwaysReady = Main.Json["parameters"]!["alwaysReadyInstances"]!;
        Assert.Equal("int", (string?)alwaysReady["type"]);
        Assert.Equal(0, (int)alwaysReady["minValue"]!);
    }

    [Fact]
    public void Storage_IsReachedByIdentityOnly()
    {
        var account = Storage.ResourcesOfType("Microsoft.Storage/storageAccounts").Single()["properties"]!;
        Assert.False((bool)account["allowSharedKeyAccess"]!);
        Assert.False((bool)account["allowBlobPublicAccess"]!);
        Assert.True((bool)account["defaultToOAuthAuthentication"]!);
        Assert.Equal("TLS1_2", (string?)account["minimumTlsVersion"]);
    }

    [Fact]
    public void Storage_CreatesEveryContainerQueueAndTableTheCodeNames()
    {
        // Every StorageNames constant that names a container, queue or table must exist after provisioning.
        var names = typeof(StorageNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        string[] Expected(string suffix) => names.Where(n => n.Key.EndsWith(suffix, StringComparison.Ordinal)).Select(n => n.Value).Order().ToArray();

        var parameters = Main.ResourcesOfType("Microsoft.Resources/deployments").Single(d => (string?)d["name"] == "storage")["properties"]!["parameters"]!;
        string[] Declared(string parameter) =>
            Main.ResolveDeep(parameters[parameter]!["value"])!.AsArray().Select(n => (string)n!).Where(n => !n.StartsWith('[')).Order().ToArray();

        Assert.Equal(Expected("Queue"), Declared("queues"));
        Assert.Equal(Expected("Table"), Declared("tables"));
        Assert.Equal(Expected("Container"), Declared("containers"));

        Assert.Single(Storage.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers"));
        Assert.Single(Storage.ResourcesOfType("Microsoft.Storage/storageAccounts/queueServices/queues"));
        Assert.Single(Storage.ResourcesOfType("Microsoft.Storage/storageAccounts/tableServices/tables"));
    }

    [Fact]
    public void AppSettings_NameOnlySettingsTheCodeBinds()
    {
        var settings = AppSettings();
        var bound = settings.Keys.Where(k => BoundSettings.Sections.Contains(k.Split("__")[0])).ToList();
        Assert.NotEmpty(bound);
        Assert.All(bound, key => Assert.True(BoundSettings.Leaves.Contains(key),
            $"app setting {key} binds to nothing: no such property under {string.Join(", ", BoundSettings.Sections)}"));
    }

    [Fact]
    public void AppSettings_SetEveryTopLevelOptionOfTheService()
    {
        // Left at their defaults in Azure: folders of the local CLI and library (the app uses its own runtimes/ folder),
        // and the runs' scratch folder, which the instance chooses for itself.
        string[] localOnly =
        [
            $"{nameof(CodeExecution)}__{nameof(Core.CodeExecutorOptions.RuntimesDirectory)}",
            $"{nameof(CodeExecution)}__{nameof(Core.CodeExecutorOptions.ModuleCacheDirectory)}",
            $"{nameof(CodeExecution)}__{nameof(Core.CodeExecutorOptions.ScratchDirectory)}",
        ];
        var settings = AppSettings();
        var missing = BoundSettings.TopLevelScalars().Except(localOnly, StringComparer.OrdinalIgnoreCase)
            .Where(name => !settings.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0, $"infra/app/api.bicep does not set: {string.Join(", ", missing)}");
        Assert.Contains(typeof(StorageOptions), BoundSettings.OptionsTypes.Select(o => o.Type));
        Assert.Contains(typeof(HttpApiOptions), BoundSettings.OptionsTypes.Select(o => o.Type));
        Assert.Contains(typeof(Core.CodeExecutorOptions), BoundSettings.OptionsTypes.Select(o => o.Type));
    }

    [Fact]
    public void AppSettings_BindAndValidateInTheAppsContainer()
    {
        // The template's values, followed back to literals, must pass the same start-up validation as in Azure.
        var values = AppSettings()
            .Where(s => BoundSettings.Sections.Contains(s.Key.Split("__")[0]))
            .ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value);
        Assert.All(values, v => Assert.False(v.Value!.StartsWith('['), $"{v.Key} did not resolve: {v.Value}"));
        values["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        var services = new ServiceCollection().AddLogging();
        services.AddCodeExecutionFunctions(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        using var provider = services.BuildServiceProvider();

        var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        Assert.Equal(StorageNames.Connection, storage.ConnectionName);
        Assert.Equal(StorageNames.RuntimesContainer, storage.RuntimesContainer);
        Assert.Equal(StorageNames.ExecutionsTable, storage.ExecutionsTable);
        Assert.Equal(StorageNames.StatisticsTable, storage.StatisticsTable);
        var executor = provider.GetRequiredService<IOptions<Core.CodeExecutorOptions>>().Value;
        Assert.Equal(2, executor.MaxConcurrency);
        Assert.Equal(5000, executor.DefaultLimits?.TimeoutMs);
        Assert.False(executor.Policy.Enabled);
        Assert.Equal(20, provider.GetRequiredService<IOptions<HttpApiOptions>>().Value.MaxBatchSize);
    }

    [Fact]
    public void AppSettings_ConnectStorageByManagedIdentity_WithTheSettingsStorageClientsReads()
    {
        var settings = AppSettings();
        Assert.DoesNotContain(StorageNames.Connection, settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.All(IdentityConnectionSuffixes, suffix => Assert.Contains($"{StorageNames.Connection}__{suffix}", settings.Keys));
        Assert.Equal("managedidentity", settings[$"{StorageNames.Connection}__credential"]);
        Assert.Equal("[parameters('identityClientId')]", settings[$"{StorageNames.Connection}__clientId"]);
        var apiParameters = Main.ResourcesOfType("Microsoft.Resources/deployments").Single(d => (string?)d["name"] == "api")["properties"]!["parameters"]!;
        Assert.Contains("'identity'", (string?)apiParameters["identityClientId"]!["value"]);
        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", settings.Keys);

        // StorageClients must build its clients from exactly these names (distinct values show which one it used).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{StorageNames.Connection}:accountName"] = "account",
            [$"{StorageNames.Connection}:blobServiceUri"] = "https://blobs.example.test/",
            [$"{StorageNames.Connection}:tableServiceUri"] = "https://tables.example.test/",
            [$"{StorageNames.Connection}:clientId"] = "00000000-0000-0000-0000-000000000001",
        }).Build();
        var clients = StorageClients.FromConfiguration(configuration, StorageNames.Connection);
        Assert.Equal("https://blobs.example.test/", clients.Blobs.Uri.ToString());
        Assert.Equal("https://tables.example.test/", clients.Tables.Uri.ToString());
        Assert.StartsWith("identity", clients.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_GetsOnlyDataRolesOnTheAccount_AndMetricsPublisherOnTelemetry_NamedDeterministically()
    {
        var assignments = Rbac.ResourcesOfType("Microsoft.Authorization/roleAssignments").ToList();
        var roles = assignments.Select(a => (Name: (string)a["name"]!, Properties: a["properties"]!.ToJsonString(), Scope: (string?)a["scope"])).ToList();
        Assert.All(roles, r => Assert.Matches(@"^\[guid\(", r.Name));

        var byRole = Rbac.Json["variables"]!["roles"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);
        Assert.Equal(
            new[] { "monitoringMetricsPublisher", "storageBlobDataContributor", "storageBlobDataOwner", "storageQueueDataContributor", "storageTableDataContributor" },
            byRole.Keys.Order().ToArray());
        Assert.Equal("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", byRole["storageBlobDataOwner"]);
        Assert.Equal("ba92f5b4-2d11-453d-a403-e96b0029c9fe", byRole["storageBlobDataContributor"]);
        Assert.Equal("974c5e8b-45b9-4653-ba55-5f855dd0fb88", byRole["storageQueueDataContributor"]);
        Assert.Equal("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", byRole["storageTableDataContributor"]);
        Assert.Equal("3913510d-42f4-4e42-8a64-420c390055eb", byRole["monitoringMetricsPublisher"]);

        // Scoped to the storage account and the Application Insights component, never the group or subscription.
        Assert.All(assignments, a => Assert.Matches(@"Microsoft\.(Storage/storageAccounts|Insights/components)", (string?)a["scope"] ?? ""));
        var text = Rbac.Json.ToJsonString();
        Assert.DoesNotMatch(new Regex("b24988ac-6180-42a0-ab88-20f7382dd24c|8e3af657-a8ff-443c-a75c-2fe8c4bcb635|17d1049b-9a84-46fb-8f53-869881c3d3ab"), text); // Contributor, Owner, Storage Account Contributor
    }

    [Fact]
    public void Monitoring_DeclaresWorkspaceBasedApplicationInsights()
    {
        var monitoring = Main.Module("monitoring");
        Assert.Single(monitoring.ResourcesOfType("Microsoft.OperationalInsights/workspaces"));
        var insights = monitoring.ResourcesOfType("Microsoft.Insights/components").Single()["properties"]!;
        Assert.True((bool)insights["DisableLocalAuth"]!);
        Assert.Contains("workspaces", insights["WorkspaceResourceId"]!.ToJsonString());
        Assert.Single(Main.Module("identity").ResourcesOfType("Microsoft.ManagedIdentity/userAssignedIdentities"));
    }

    [Fact]
    public void AzureYaml_DeploysTheFunctionsProject_AndPublishesRuntimesAfterProvisioning()
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "azure.yaml"));
        var project = Regex.Match(yaml, @"project:\s*(\S+)").Groups[1].Value;
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, project, "CodeExecution.Functions.csproj")), project);
        Assert.Matches(@"host:\s*function", yaml);
        Assert.Contains("postprovision:", yaml);

        // The hook names bicep outputs that main.bicep really declares.
        var outputs = Main.Json["outputs"]!.AsObject().Select(o => o.Key).ToHashSet();
        var hooks = Regex.Matches(yaml, @"run:\s*(.+)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, hooks.Count);
        Assert.All(hooks, run =>
        {
            Assert.Contains("runtimes publish --account", run);
            var variables = Regex.Matches(run, @"\$(?:env:)?([A-Z_]+)").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(["AZURE_STORAGE_ACCOUNT_NAME", "RUNTIMES_CONTAINER"], variables);
            Assert.All(variables, v => Assert.Contains(v, outputs));
        });
    }

    /// <summary>The Function app's app settings as the compiled template declares them (values unresolved unless literal).</summary>
    private Dictionary<string, string> AppSettings()
    {
        var config = Api.ResourcesOfType("Microsoft.Web/sites/config").Single(r => ((string?)r["name"])!.Contains("appsettings", StringComparison.Ordinal));
        return config["properties"]!.AsObject().ToDictionary(
            p => p.Key,
            p => Api.Resolve(p.Value) is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value!.ToJsonString());
    }
}
