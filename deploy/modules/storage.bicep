// A storage account reached only with Entra ID (shared keys disabled), its blob containers, and the roles the
// Function App's identity holds on it. Used twice: for the documents (PHI: soft delete and versioning on) and for
// the Functions host's own state (leases, timers, keys).

@description('Azure region.')
param location string

@description('Storage account name (3-24 lower-case letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param accountName string

@description('Redundancy: Standard_ZRS survives a zone outage; Standard_GRS/GZRS also a region outage.')
param skuName string

@description('Private blob containers to create.')
param containerNames string[]

@description('Whether deleted and overwritten blobs can be restored (soft delete and versioning).')
param enableSoftDelete bool

@description('Days deleted or overwritten blobs can be restored, with enableSoftDelete.')
@minValue(1)
@maxValue(365)
param softDeleteDays int

@description('Object id of the identity that gets the roles below.')
param principalId string

@description('Built-in role definition ids (GUIDs) the identity gets on the account.')
param roleDefinitionIds string[]

@description('Tags applied to every resource.')
param tags object

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: accountName
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  kind: 'StorageV2'
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: enableSoftDelete
      days: enableSoftDelete ? softDeleteDays : null
    }
    containerDeleteRetentionPolicy: {
      enabled: enableSoftDelete
      days: enableSoftDelete ? softDeleteDays : null
    }
    isVersioningEnabled: enableSoftDelete
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for name in containerNames: {
    parent: blobService
    name: name
    properties: {
      publicAccess: 'None'
    }
  }
]

resource roles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in roleDefinitionIds: {
    scope: account
    name: guid(account.id, principalId, roleId)
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

@description('Storage account name.')
output name string = account.name

@description('Blob service endpoint, for example https://<account>.blob.core.windows.net/.')
output blobEndpoint string = account.properties.primaryEndpoints.blob
