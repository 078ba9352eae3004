// PostgreSQL flexible server and the ImeBridge database. Reached either publicly through firewall rules or
// privately through a delegated subnet (then public access is off). Microsoft Entra sign-in is enabled next to
// passwords so operators sign in with their own accounts; the app uses the password connection string kept in
// Key Vault.

@description('Azure region.')
param location string

@description('Server name (globally unique; becomes <name>.postgres.database.azure.com).')
param serverName string

@description('Database the app uses.')
param databaseName string

@description('PostgreSQL major version.')
@allowed([
  '16'
  '17'
])
param version string

@description('Compute size, for example Standard_B1ms (Burstable), Standard_D2ds_v5 (GeneralPurpose).')
param skuName string

@description('Compute tier matching skuName.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param skuTier string

@description('Storage size in GiB; it grows automatically when nearly full.')
@minValue(32)
param storageSizeGB int

@description('Days of point-in-time restore.')
@minValue(7)
@maxValue(35)
param backupRetentionDays int

@description('ZoneRedundant keeps a standby in another zone (not available on Burstable).')
@allowed([
  'Disabled'
  'ZoneRedundant'
  'SameZone'
])
param highAvailability string

@description('Administrator login for password authentication.')
param administratorLogin string

@description('Administrator password.')
@secure()
param administratorPassword string

@description('Resource id of a subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers; empty for public access with firewall rules.')
param delegatedSubnetId string

@description('Resource id of the private DNS zone (privatelink.postgres.database.azure.com) linked to the virtual network; required with delegatedSubnetId.')
param privateDnsZoneId string

@description('Public access only: firewall rules as { name, startIpAddress, endIpAddress }. 0.0.0.0-0.0.0.0 admits Azure services.')
param firewallRules object[]

@description('Object id of a Microsoft Entra user or group made administrator of the server; empty for none.')
param entraAdminObjectId string

@description('Display name of that user or group.')
param entraAdminName string

@description('Kind of principal entraAdminObjectId is.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param entraAdminType string

@description('Tags applied to every resource.')
param tags object

var isPrivate = !empty(delegatedSubnetId)

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: serverName
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: version
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorPassword
    storage: {
      storageSizeGB: storageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: backupRetentionDays
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: highAvailability
    }
    network: isPrivate
      ? {
          delegatedSubnetResourceId: delegatedSubnetId
          privateDnsZoneArmResourceId: privateDnsZoneId
          publicNetworkAccess: 'Disabled'
        }
      : {
          publicNetworkAccess: 'Enabled'
        }
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Enabled'
      tenantId: tenant().tenantId
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

@batchSize(1)
resource rules 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = [
  for rule in (isPrivate ? [] : firewallRules): {
    parent: server
    name: rule.name
    properties: {
      startIpAddress: rule.startIpAddress
      endIpAddress: rule.endIpAddress
    }
  }
]

resource entraAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = if (!empty(entraAdminObjectId)) {
  parent: server
  name: empty(entraAdminObjectId) ? 'none' : entraAdminObjectId
  properties: {
    principalName: entraAdminName
    principalType: entraAdminType
    tenantId: tenant().tenantId
  }
  dependsOn: [
    database
  ]
}

@description('Host name the app connects to.')
output fullyQualifiedDomainName string = server.properties.fullyQualifiedDomainName

@description('Database name.')
output databaseName string = database.name
