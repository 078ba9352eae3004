// ImeBridge on Azure, deployed into one resource group: the Function App (HTTP edges, timers, the Service Bus
// session processor), Service Bus for the workflow, PostgreSQL for state, Blob storage for documents, Key Vault
// for secrets, Log Analytics and Application Insights. See deploy/README.md.
targetScope = 'resourceGroup'

@description('Short lower-case name the resource names start with (letters and digits).')
@minLength(3)
@maxLength(11)
param baseName string = 'imebridge'

@description('Azure region of every resource; the resource group\'s by default.')
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags object = {
  application: 'imebridge'
}

// --- Function App ---

@description('Dedicated App Service plan size (Linux). P1v3 suits a pilot; see the sizing notes in deploy/README.md.')
@allowed([
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
  'P1mv3'
  'P2mv3'
])
param planSku string = 'P1v3'

@description('Instances always running (each serves HTTP and processes workflow sessions).')
@minValue(1)
@maxValue(30)
param minimumInstances int = 1

@description('Most instances autoscale adds while the workflow queue has a backlog.')
@minValue(1)
@maxValue(30)
param maximumInstances int = 3

@description('Active workflow messages above which autoscale adds an instance.')
@minValue(1)
param scaleOutBacklog int = 500

@description('Subnet (delegated to Microsoft.Web/serverFarms) for the app\'s outbound traffic; empty for none. Needed when PostgreSQL is private.')
param appSubnetId string = ''

@description('App setting name -> Key Vault secret name, for secrets operators put in the vault before deploying (for example operatorToken -> operator-token). A missing secret leaves the setting unresolved.')
param keyVaultReferences object = {}

@description('Further plain app settings, name -> value (partners, twilio__fromNumber, ...). Never secrets: use keyVaultReferences.')
param extraSettings object = {}

// --- Service Bus ---

@description('Service Bus tier: Standard has sessions and duplicate detection; Premium adds virtual network isolation and dedicated capacity.')
@allowed([
  'Standard'
  'Premium'
])
param serviceBusSku string = 'Standard'

@description('Messaging units when serviceBusSku is Premium.')
@allowed([
  1
  2
  4
  8
  16
])
param serviceBusPremiumCapacity int = 1

@description('Name of the workflow queue.')
param workflowQueueName string = 'workflow'

@description('Message lock duration (ISO 8601, at most PT5M); matches the app\'s queue lock of 60 s.')
param queueLockDuration string = 'PT1M'

@description('Deliveries before a message is dead-lettered; matches the app\'s default of 10.')
@minValue(1)
@maxValue(2000)
param queueMaxDeliveryCount int = 10

@description('Duplicate detection window for MessageIds (ISO 8601, at most P7D). Longer than the longest retry of a send.')
param queueDuplicateDetectionWindow string = 'PT1H'

@description('Time to live of unreceived messages (ISO 8601). Reminders are scheduled messages, so this must exceed the furthest reminder; expired messages are dead-lettered.')
param queueMessageTimeToLive string = 'P90D'

// --- PostgreSQL ---

@description('PostgreSQL major version.')
@allowed([
  '16'
  '17'
])
param postgresVersion string = '16'

@description('PostgreSQL compute size.')
param postgresSkuName string = 'Standard_B2s'

@description('Tier of postgresSkuName.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@description('PostgreSQL storage in GiB (grows automatically).')
@minValue(32)
param postgresStorageSizeGB int = 32

@description('Days of point-in-time restore.')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 14

@description('High availability (ZoneRedundant needs GeneralPurpose or MemoryOptimized).')
@allowed([
  'Disabled'
  'ZoneRedundant'
  'SameZone'
])
param postgresHighAvailability string = 'Disabled'

@description('Database the app uses.')
param postgresDatabaseName string = 'imebridge'

@description('PostgreSQL administrator login (the app\'s connection string uses it; see deploy/README.md for a least-privileged role).')
param postgresAdministratorLogin string = 'imebridge_admin'

@description('PostgreSQL administrator password; it goes into Key Vault inside the connection string.')
@secure()
@minLength(16)
param postgresAdministratorPassword string

@description('Write the administrator connection string to the secret postgres-connection-string. Set false once that secret holds a least-privileged role\'s connection string, so a redeployment leaves it alone.')
param writePostgresConnectionSecret bool = true

@description('Subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers for private access; empty for public access with firewall rules.')
param postgresDelegatedSubnetId string = ''

@description('Private DNS zone privatelink.postgres.database.azure.com linked to the virtual network; required with postgresDelegatedSubnetId.')
param postgresPrivateDnsZoneId string = ''

@description('Public access: firewall rules { name, startIpAddress, endIpAddress }. The default admits Azure services (any tenant\'s); prefer private access in production.')
param postgresFirewallRules object[] = [
  {
    name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
]

@description('Object id of a Microsoft Entra user or group to make PostgreSQL administrator (operators sign in with it); empty for none.')
param postgresEntraAdminObjectId string = ''

@description('Display name of that Entra user or group.')
param postgresEntraAdminName string = ''

@description('Kind of principal postgresEntraAdminObjectId is.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param postgresEntraAdminType string = 'Group'

// --- Storage, Key Vault, monitoring ---

@description('Redundancy of the documents account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param documentsStorageSku string = 'Standard_ZRS'

@description('Container holding the documents (content-addressed by SHA-256).')
@minLength(3)
@maxLength(63)
param documentsContainerName string = 'documents'

@description('Days deleted or overwritten documents can be restored.')
@minValue(1)
@maxValue(365)
param documentsSoftDeleteDays int = 30

@description('Days a deleted Key Vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteDays int = 90

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

var compactName = toLower(replace(baseName, '-', ''))
var suffix = take(uniqueString(resourceGroup().id, baseName), 8)
var appName = 'func-${baseName}-${suffix}'
var postgresSecretName = 'postgres-connection-string'

// Built-in roles for the Functions host's own storage with an identity-based AzureWebJobsStorage.
var hostStorageRoles = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
]
var documentsStorageRoles = [
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe' // Storage Blob Data Contributor
]

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: 'log-${baseName}-${suffix}'
    appInsightsName: 'appi-${baseName}-${suffix}'
    retentionInDays: logRetentionDays
    tags: tags
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    location: location
    namespaceName: 'sb-${baseName}-${suffix}'
    sku: serviceBusSku
    premiumCapacity: serviceBusPremiumCapacity
    queueName: workflowQueueName
    lockDuration: queueLockDuration
    maxDeliveryCount: queueMaxDeliveryCount
    duplicateDetectionWindow: queueDuplicateDetectionWindow
    messageTimeToLive: queueMessageTimeToLive
    principalId: functionApp.outputs.principalId
    tags: tags
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    planName: 'asp-${baseName}-${suffix}'
    appName: appName
    planSku: planSku
    minimumInstances: minimumInstances
    dotnetVersion: '10.0'
    subnetId: appSubnetId
    tags: tags
  }
}

module autoscale 'modules/autoscale.bicep' = {
  name: 'autoscale'
  params: {
    location: location
    name: 'asp-${baseName}-${suffix}-autoscale'
    planId: functionApp.outputs.planId
    minimumInstances: minimumInstances
    maximumInstances: maximumInstances
    serviceBusNamespaceId: serviceBus.outputs.namespaceId
    queueName: serviceBus.outputs.queueName
    scaleOutBacklog: scaleOutBacklog
    tags: tags
  }
}

module hostStorage 'modules/storage.bicep' = {
  name: 'storage-host'
  params: {
    location: location
    accountName: take('${compactName}host${suffix}', 24)
    skuName: 'Standard_LRS'
    containerNames: []
    enableSoftDelete: false
    softDeleteDays: 7
    principalId: functionApp.outputs.principalId
    roleDefinitionIds: hostStorageRoles
    tags: tags
  }
}

module documentsStorage 'modules/storage.bicep' = {
  name: 'storage-documents'
  params: {
    location: location
    accountName: take('${compactName}docs${suffix}', 24)
    skuName: documentsStorageSku
    containerNames: [
      documentsContainerName
    ]
    enableSoftDelete: true
    softDeleteDays: documentsSoftDeleteDays
    principalId: functionApp.outputs.principalId
    roleDefinitionIds: documentsStorageRoles
    tags: tags
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    location: location
    serverName: 'psql-${baseName}-${suffix}'
    databaseName: postgresDatabaseName
    version: postgresVersion
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: postgresStorageSizeGB
    backupRetentionDays: postgresBackupRetentionDays
    highAvailability: postgresHighAvailability
    administratorLogin: postgresAdministratorLogin
    administratorPassword: postgresAdministratorPassword
    delegatedSubnetId: postgresDelegatedSubnetId
    privateDnsZoneId: postgresPrivateDnsZoneId
    firewallRules: postgresFirewallRules
    entraAdminObjectId: postgresEntraAdminObjectId
    entraAdminName: postgresEntraAdminName
    entraAdminType: postgresEntraAdminType
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    vaultName: 'kv-${take(compactName, 9)}-${suffix}'
    softDeleteRetentionInDays: keyVaultSoftDeleteDays
    principalId: functionApp.outputs.principalId
    secrets: writePostgresConnectionSecret
      ? {
          '${postgresSecretName}': 'Host=${postgres.outputs.fullyQualifiedDomainName};Port=5432;Database=${postgres.outputs.databaseName};Username=${postgresAdministratorLogin};Password=${postgresAdministratorPassword};SSL Mode=VerifyFull'
        }
      : {}
    tags: tags
  }
}

// After every role assignment above, so the first start can read Key Vault, Service Bus and both storage accounts.
module appSettings 'modules/appsettings.bicep' = {
  name: 'appsettings'
  params: {
    appName: appName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    hostStorageAccountName: hostStorage.outputs.name
    keyVaultName: keyVault.outputs.name
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    serviceBusQueueName: serviceBus.outputs.queueName
    documentsBlobEndpoint: documentsStorage.outputs.blobEndpoint
    documentsContainer: documentsContainerName
    postgresSecretName: postgresSecretName
    keyVaultReferences: keyVaultReferences
    extraSettings: extraSettings
  }
}

@description('Function App name (for az functionapp deployment source config-zip).')
output functionAppName string = functionApp.outputs.name

@description('Public base URL of the app.')
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}'

@description('Object id of the app\'s managed identity.')
output functionAppPrincipalId string = functionApp.outputs.principalId

@description('Service Bus namespace host name (serviceBus__fullyQualifiedNamespace).')
output serviceBusNamespace string = serviceBus.outputs.fullyQualifiedNamespace

@description('The workflow queue (serviceBus__queueName).')
output workflowQueueName string = serviceBus.outputs.queueName

@description('PostgreSQL host name.')
output postgresHost string = postgres.outputs.fullyQualifiedDomainName

@description('Blob endpoint of the documents account (documents__blob__serviceUri).')
output documentsBlobEndpoint string = documentsStorage.outputs.blobEndpoint

@description('Key Vault name, where operators add the secrets named in keyVaultReferences.')
output keyVaultName string = keyVault.outputs.name
