targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and seeds the resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource; it must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the person or pipeline running azd; gets blob write access so the post-provision hook can publish the runtimes. Empty for none.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Instances kept warm for the HTTP functions; 0 means every scale-out (and the first request) starts cold.')
@minValue(0)
param alwaysReadyInstances int = 1

@description('Upper bound of the Flex Consumption scale-out.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance. Every sandbox may hold its request\'s memory limit, so keep this above maxConcurrency x defaultMaxMemoryMB plus the runtimes.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Executions at once per instance (CodeExecution__MaxConcurrency); more wait for a sandbox (maxWaitingRequests).')
@minValue(1)
@maxValue(256)
param maxConcurrency int = 2

@description('Requests that may wait for a sandbox per instance (CodeExecution__MaxWaitingRequests); one more is answered 429.')
@minValue(0)
@maxValue(10000)
param maxWaitingRequests int = 32

@description('Longest a request waits for a sandbox, in ms (CodeExecution__MaxQueueWaitMs); then it is answered 429.')
@minValue(1)
@maxValue(60000)
param maxQueueWaitMs int = 10000

@description('Requests per POST /api/execute/batch.')
@minValue(1)
@maxValue(1000)
param maxBatchSize int = 20

@description('Largest request body in bytes; a larger one is answered 413.')
param maxRequestBodyBytes int = 4194304

@description('Retry-After seconds on a 429.')
@minValue(1)
@maxValue(3600)
param retryAfterSeconds int = 1

@description('Time limit for requests that leave limits.timeoutMs out.')
@minValue(100)
@maxValue(10000)
param defaultTimeoutMs int = 5000

@description('Memory limit for requests that leave limits.maxMemoryMB out.')
@minValue(16)
@maxValue(512)
param defaultMaxMemoryMB int = 256

@description('Turns on the optional pattern policy (not the security boundary; see docs/security.md).')
param policyEnabled bool = false

@description('Most requests in one queued job.')
@minValue(1)
@maxValue(99999)
param jobsMaxItems int = 1000

@secure()
@description('HMAC key (16+ characters) that signs job completion callbacks; empty refuses jobs with a callbackUrl.')
param jobsCallbackSigningKey string = ''

var tags = {
  'azd-env-name': environmentName
}
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var functionAppName = 'func-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'

// The names the app uses (CodeExecution.Storage.StorageNames); a test compares them with the code.
var storageNames = {
  runtimesContainer: 'runtimes'
  jobPayloadsContainer: 'job-payloads'
  executionsTable: 'executions'
  statisticsTable: 'executionstatistics'
  jobsTable: 'executionjobs'
  jobsQueue: 'execution-jobs'
  jobItemsQueue: 'execution-job-items'
}

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    containers: [
      storageNames.runtimesContainer
      storageNames.jobPayloadsContainer
      deploymentContainerName
    ]
    queues: [
      storageNames.jobsQueue
      storageNames.jobItemsQueue
    ]
    tables: [
      storageNames.executionsTable
      storageNames.statisticsTable
      storageNames.jobsTable
    ]
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: resourceGroup
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: resourceGroup
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    alwaysReadyInstances: alwaysReadyInstances
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    storage: {
      runtimesContainer: storageNames.runtimesContainer
      executionsTable: storageNames.executionsTable
      statisticsTable: storageNames.statisticsTable
      recorderCapacity: 10000
      recorderBatchSize: 100
      recorderAttempts: 5
      healthTimeoutMs: 3000
    }
    codeExecution: {
      maxConcurrency: maxConcurrency
      maxWaitingRequests: maxWaitingRequests
      maxQueueWaitMs: maxQueueWaitMs
      maxBatchSize: maxBatchSize
      maxRequestBodyBytes: maxRequestBodyBytes
      retryAfterSeconds: retryAfterSeconds
      defaultTimeoutMs: defaultTimeoutMs
      defaultMaxMemoryMB: defaultMaxMemoryMB
      policyEnabled: policyEnabled
    }
    jobs: {
      maxItems: jobsMaxItems
      jobsTable: storageNames.jobsTable
      payloadsContainer: storageNames.jobPayloadsContainer
      inlineResultChars: 30000
      fanOutBatchSize: 32
      itemLeaseSeconds: 180
      callbackAttempts: 5
      callbackFirstRetryDelayMs: 1000
      callbackTimeoutMs: 10000
    }
    jobsCallbackSigningKey: jobsCallbackSigningKey
  }
  // The app must not start before it may read its storage.
  dependsOn: [
    rbac
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${api.outputs.defaultHostName}'
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output RUNTIMES_CONTAINER string = storageNames.runtimesContainer
