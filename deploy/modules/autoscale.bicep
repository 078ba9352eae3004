// Autoscale of the App Service plan on the workflow queue's backlog (Service Bus ActiveMessages of that queue):
// the session processor is not a Functions trigger, so the platform's own scaling does not see the queue.

@description('Azure region.')
param location string

@description('App Service plan resource id.')
param planId string

@description('Name of the autoscale setting.')
param name string

@description('Instances the plan never goes below.')
@minValue(1)
param minimumInstances int

@description('Instances autoscale may add while the workflow queue has a backlog.')
@minValue(1)
param maximumInstances int

@description('Service Bus namespace resource id, whose ActiveMessages metric drives autoscale.')
param serviceBusNamespaceId string

@description('The workflow queue, the metric\'s EntityName.')
param queueName string

@description('Active messages in the queue above which one instance is added (averaged over 5 minutes).')
@minValue(1)
param scaleOutBacklog int

@description('Tags applied to every resource.')
param tags object

resource autoscale 'Microsoft.Insights/autoscalesettings@2022-10-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    enabled: maximumInstances > minimumInstances
    targetResourceUri: planId
    profiles: [
      {
        name: 'workflow-backlog'
        capacity: {
          minimum: string(minimumInstances)
          maximum: string(max(minimumInstances, maximumInstances))
          default: string(minimumInstances)
        }
        rules: [
          {
            metricTrigger: {
              metricName: 'ActiveMessages'
              metricNamespace: 'Microsoft.ServiceBus/namespaces'
              metricResourceUri: serviceBusNamespaceId
              dimensions: [
                {
                  DimensionName: 'EntityName'
                  Operator: 'Equals'
                  Values: [
                    queueName
                  ]
                }
              ]
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT5M'
              timeAggregation: 'Average'
              operator: 'GreaterThan'
              threshold: scaleOutBacklog
            }
            scaleAction: {
              direction: 'Increase'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT5M'
            }
          }
          {
            metricTrigger: {
              metricName: 'ActiveMessages'
              metricNamespace: 'Microsoft.ServiceBus/namespaces'
              metricResourceUri: serviceBusNamespaceId
              dimensions: [
                {
                  DimensionName: 'EntityName'
                  Operator: 'Equals'
                  Values: [
                    queueName
                  ]
                }
              ]
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT15M'
              timeAggregation: 'Average'
              operator: 'LessThan'
              threshold: max(1, scaleOutBacklog / 10)
            }
            scaleAction: {
              direction: 'Decrease'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT15M'
            }
          }
        ]
      }
    ]
  }
}
