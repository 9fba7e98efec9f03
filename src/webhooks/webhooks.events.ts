/** What this feature records: admins' changes to endpoints (audited; the secret never travels in an event). */
export interface WebhooksEvents {
  WebhookEndpointCreated: { readonly endpointId: number };
  WebhookEndpointChanged: { readonly endpointId: number };
  WebhookSecretRotated: { readonly endpointId: number };
  WebhookEndpointDeleted: { readonly endpointId: number };
  WebhookRedeliveryRequested: { readonly endpointId: number; readonly deliveryId: number };
}
