// The Function App (Linux, .NET isolated) on a Dedicated App Service plan with Always On, and its system-assigned
// managed identity. Dedicated, not Consumption or Flex Consumption: the Service Bus session processor is a hosted
// service, not a trigger, so the platform would not start an instance for queued work, and a scaled-to-zero app
// would leave the queue unread. App settings are written by appsettings.bicep once the identity holds its roles.

@description('Azure region.')
param location string

@description('App Service plan name.')
param planName string

@description('Function App name (globally unique; becomes <name>.azurewebsites.net).')
param appName string

@description('Dedicated plan size: P0v3/P1v3 for a pilot, P2v3 and up for a busy network.')
param planSku string

@description('Instances the plan never goes below; each runs the HTTP endpoints and a session processor.')
@minValue(1)
param minimumInstances int

@description('.NET version of the isolated worker.')
param dotnetVersion string

@description('Resource id of a subnet delegated to Microsoft.Web/serverFarms for outbound traffic into a virtual network; empty for none.')
param subnetId string

@description('Tags applied to every resource.')
param tags object

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: planSku
    capacity: minimumInstances
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    virtualNetworkSubnetId: empty(subnetId) ? null : subnetId
    siteConfig: {
      linuxFxVersion: 'DOTNET-ISOLATED|${dotnetVersion}'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/api/health'
      vnetRouteAllEnabled: !empty(subnetId)
    }
  }
}

@description('App Service plan resource id.')
output planId string = plan.id

@description('Function App name.')
output name string = app.name

@description('Object id of the app\'s system-assigned identity, which every role assignment names.')
output principalId string = app.identity.principalId

@description('Default host name.')
output defaultHostName string = app.properties.defaultHostName
