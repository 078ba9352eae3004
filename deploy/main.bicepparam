// Example parameters. The PostgreSQL password is read from the environment when the deployment command runs,
// so it is never written to a file: export IMEBRIDGE_POSTGRES_PASSWORD first (see deploy/README.md).
using 'main.bicep'

param baseName = 'imebridge'

param planSku = 'P1v3'
param minimumInstances = 1
param maximumInstances = 3

param serviceBusSku = 'Standard'
param workflowQueueName = 'workflow'
param queueMaxDeliveryCount = 10
param queueDuplicateDetectionWindow = 'PT1H'

param postgresSkuName = 'Standard_B2s'
param postgresSkuTier = 'Burstable'
param postgresAdministratorPassword = readEnvironmentVariable('IMEBRIDGE_POSTGRES_PASSWORD')

param documentsStorageSku = 'Standard_ZRS'

// Secrets an operator stored in the vault before this deployment (setting -> secret name).
param keyVaultReferences = {
  operatorToken: 'operator-token'
  documents__linkKey: 'documents-link-key'
}

param extraSettings = {
  claimantMessaging__helpPhone: '+18005550100'
}
