// Service Bus namespace and the workflow queue: one session per referral (ordered handling), MessageId duplicate
// detection, dead-lettering after maxDeliveryCount or on expiry. The app signs in with its managed identity, so
// shared access keys are disabled; it gets Data Sender and Data Receiver on the queue only.

@description('Azure region.')
param location string

@description('Namespace name (globally unique).')
param namespaceName string

@description('Standard is the smallest tier with sessions and duplicate detection; Premium adds private endpoints and predictable throughput.')
@allowed([
  'Standard'
  'Premium'
])
param sku string

@description('Messaging units for Premium (ignored on Standard).')
@allowed([
  1
  2
  4
  8
  16
])
param premiumCapacity int

@description('The workflow queue name; the app reads it from serviceBus__queueName.')
param queueName string

@description('How long a received message stays locked to its receiver (ISO 8601, at most PT5M). The app renews locks of long handlers.')
param lockDuration string

@description('Deliveries before a message is dead-lettered with reason MaxDeliveryCountExceeded.')
@minValue(1)
@maxValue(2000)
param maxDeliveryCount int

@description('How long MessageIds are remembered for duplicate detection (ISO 8601, at most P7D).')
param duplicateDetectionWindow string

@description('Time to live of a message not yet received (ISO 8601); expired messages are dead-lettered, not dropped.')
param messageTimeToLive string

@description('Object id of the Function App\'s managed identity.')
param principalId string

@description('Tags applied to every resource.')
param tags object

var roles = {
  dataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  dataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
}

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: sku
    tier: sku
    capacity: sku == 'Premium' ? premiumCapacity : null
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: queueName
  properties: {
    requiresSession: true
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    deadLetteringOnMessageExpiration: true
    maxDeliveryCount: maxDeliveryCount
    lockDuration: lockDuration
    defaultMessageTimeToLive: messageTimeToLive
    enableBatchedOperations: true
    enablePartitioning: false
    maxSizeInMegabytes: 5120
  }
}

resource queueRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roles): {
    scope: queue
    name: guid(queue.id, principalId, role.value)
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    }
  }
]

@description('Namespace resource id (autoscale reads its metrics).')
output namespaceId string = namespace.id

// From the endpoint the service reports (https://<name>.servicebus.windows.net:443/), so sovereign clouds work too.
@description('The namespace host name the app connects to: serviceBus__fullyQualifiedNamespace.')
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '/')[2], ':')[0]

@description('The workflow queue name.')
output queueName string = queue.name
