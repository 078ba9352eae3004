// The Function App's settings, written after its identity holds its roles so Key Vault references resolve on the
// first start (a reference that cannot be read stays unresolved until the app restarts). Names use "__" for ":"
// in configuration keys. This resource replaces the whole set: settings added by hand are removed on the next
// deployment, so put them in extraSettings.

@description('Function App name.')
param appName string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Storage account of the Functions host (reached with the managed identity).')
param hostStorageAccountName string

@description('Key Vault holding the secrets referenced below.')
param keyVaultName string

@description('Host name of the Service Bus namespace.')
param serviceBusNamespace string

@description('The workflow queue.')
param serviceBusQueueName string

@description('Blob service endpoint of the documents account.')
param documentsBlobEndpoint string

@description('The documents container.')
param documentsContainer string

@description('Key Vault secret holding the PostgreSQL connection string.')
param postgresSecretName string

@description('App setting name -> Key Vault secret name, for secrets that exist in the vault.')
param keyVaultReferences object

@description('Further plain app settings, name -> value (never secrets: use keyVaultReferences).')
param extraSettings object

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: appName
}

var referenceSettings = toObject(
  items(union(keyVaultReferences, { postgres__connectionString: postgresSecretName })),
  entry => entry.key,
  entry => '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${entry.value})'
)

var platformSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
  WEBSITE_RUN_FROM_PACKAGE: '1'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  AzureWebJobsStorage__accountName: hostStorageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
}

var engineSettings = {
  store: 'postgres'
  bus: 'servicebus'
  serviceBus__fullyQualifiedNamespace: serviceBusNamespace
  serviceBus__queueName: serviceBusQueueName
  documents__blob__serviceUri: documentsBlobEndpoint
  documents__blob__container: documentsContainer
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: union(extraSettings, engineSettings, referenceSettings, platformSettings)
}
