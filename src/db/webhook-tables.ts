import type { Generated } from 'kysely';

/* Outgoing webhooks: the endpoints admins register and the deliveries written for them (migration 0034). */

export type WebhookDeliveryState = 'pending' | 'sending' | 'delivered' | 'failed';

/** A URL that is told about chosen events, with the secret its deliveries are signed with. */
export interface WebhookEndpointsTable {
  id: Generated<number>;
  url: string;
  description: string;
  /** Kept as it is (not hashed): every delivery is signed with it. Never shown after creation or rotation. */
  secret: string;
  /** JSON array of webhook event names. */
  events: string;
  /** 1 when the admin allowed plain http:// for this endpoint's host. */
  allow_http: number;
  /** 1 when the admin allowed this host to resolve to a private, loopback or link-local address. */
  allow_private: number;
  enabled: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** One event for one endpoint: written in the transaction of the change, posted after commit, retried with backoff. */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  /** Sent in every try (X-Salesbench-Delivery), so a receiver can recognise a repeat. */
  delivery_id: string;
  endpoint_id: number;
  /** The candidate the body names (re-pointed when candidates are merged); null when it names none. */
  candidate_id: number | null;
  event: string;
  /** The JSON body, fixed when the event happened: every try sends the same bytes. */
  payload: string;
  state: WebhookDeliveryState;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  /** The receiver's HTTP status in the last try; null when it gave none (refused, timed out). */
  last_status: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookTables {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
