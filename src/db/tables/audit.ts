import type { ColumnType, Generated } from 'kysely';
import type { ActorType } from './actor.ts';
import type { CreatedAt } from './foundation.ts';

export interface OperatorChangesTable {
  id: Generated<bigint>;
  entity:
    | 'api_key'
    | 'history_signing_key'
    | 'staff_user'
    | 'currency'
    | 'exchange_rates'
    | 'managed_list_entry'
    | 'custom_tag'
    | 'custom_tag_value'
    | 'affiliate'
    | 'news_item'
    | 'brand_contacts';
  entity_id: string | null;
  action: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: Generated<string>;
  created_at: CreatedAt;
}

export interface AuditTables {
  operator_changes: OperatorChangesTable;
}
