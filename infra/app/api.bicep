@description('Name of the Function app.')
param name string
@description('Name of its Flex Consumption plan.')
param planName string
param location string
param tags object = {}

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string
@description('Client id of that identity: the app and the Functions host ask for tokens with it.')
param identityClientId string

param storageAccountName string
param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
@description('Blob container holding the deployment package (Flex Consumption).')
param deploymentContainerName string

param applicationInsightsConnectionString string

@description('Instances kept warm for the HTTP functions (0 for none: every scale-out is a cold start).')
@minValue(0)
param alwaysReadyInstances int
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Where the app keeps runtimes, records and statistics (the Storage section).')
param storage {
  runtimesContainer: string
  executionsTable: string
  statisticsTable: string
  recorderCapacity: int
  recorderBatchSize: int
  recorderAttempts: int
  healthTimeoutMs: int
}

@description('The executor and HTTP API options (the CodeExecution section).')
param codeExecution {
  maxConcurrency: int
  maxWaitingRequests: int
  maxQueueWaitMs: int
  maxBatchSize: int
  maxRequestBodyBytes: int
  retryAfterSeconds: int
  defaultTimeoutMs: int
  defaultMaxMemoryMB: int
  policyEnabled: bool
}

@description('Queued batch jobs (the Jobs section).')
param jobs {
  maxItems: int
  jobsTable: string
  payloadsContainer: string
  inlineResultChars: int
  fanOutBatchSize: int
  itemLeaseSeconds: int
  callbackAttempts: int
  callbackFirstRetryDelayMs: int
  callbackTimeoutMs: int
}

@secure()
@description('HMAC key that signs job completion callbacks (Jobs__CallbackSigningKey); empty refuses jobs with a callbackUrl.')
param jobsCallbackSigningKey string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        alwaysReady: alwaysReadyInstances > 0 ? [
          {
            name: 'http'
            instanceCount: alwaysReadyInstances
          }
        ] : []
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        triggers: {
          // What an instance holds: its sandboxes and the requests that may wait for them. The platform sends no
          // more at once, and adds instances sooner.
          http: {
            perInstanceConcurrency: codeExecution.maxConcurrency + codeExecution.maxWaitingRequests
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Flex Consumption takes the worker runtime from functionAppConfig: no FUNCTIONS_WORKER_RUNTIME here.
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // The host's and the app's storage connection, by managed identity (no connection string exists).
      AzureWebJobsStorage__accountName: storageAccountName
      AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
      AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
      AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      Storage__ConnectionName: 'AzureWebJobsStorage'
      Storage__RuntimesContainer: storage.runtimesContainer
      Storage__ExecutionsTable: storage.executionsTable
      Storage__StatisticsTable: storage.statisticsTable
      Storage__RecorderCapacity: string(storage.recorderCapacity)
      Storage__RecorderBatchSize: string(storage.recorderBatchSize)
      Storage__RecorderAttempts: string(storage.recorderAttempts)
      Storage__HealthTimeoutMs: string(storage.healthTimeoutMs)
      CodeExecution__MaxConcurrency: string(codeExecution.maxConcurrency)
      CodeExecution__MaxWaitingRequests: string(codeExecution.maxWaitingRequests)
      CodeExecution__MaxQueueWaitMs: string(codeExecution.maxQueueWaitMs)
      CodeExecution__MaxBatchSize: string(codeExecution.maxBatchSize)
      CodeExecution__MaxRequestBodyBytes: string(codeExecution.maxRequestBodyBytes)
      CodeExecution__RetryAfterSeconds: string(codeExecution.retryAfterSeconds)
      CodeExecution__DefaultLimits__TimeoutMs: string(codeExecution.defaultTimeoutMs)
      CodeExecution__DefaultLimits__MaxMemoryMB: string(codeExecution.defaultMaxMemoryMB)
      CodeExecution__Policy__Enabled: string(codeExecution.policyEnabled)
      Jobs__MaxItems: string(jobs.maxItems)
      Jobs__JobsTable: jobs.jobsTable
      Jobs__PayloadsContainer: jobs.payloadsContainer
      Jobs__InlineResultChars: string(jobs.inlineResultChars)
      Jobs__FanOutBatchSize: string(jobs.fanOutBatchSize)
      Jobs__ItemLeaseSeconds: string(jobs.itemLeaseSeconds)
      Jobs__CallbackSigningKey: jobsCallbackSigningKey
      Jobs__CallbackAttempts: string(jobs.callbackAttempts)
      Jobs__CallbackFirstRetryDelayMs: string(jobs.callbackFirstRetryDelayMs)
      Jobs__CallbackTimeoutMs: string(jobs.callbackTimeoutMs)
      // A callback must never reach into the service's own network in Azure.
      Jobs__AllowPrivateCallbackHosts: 'false'
    }
  }
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
