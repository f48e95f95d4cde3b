import type { AffiliateTables } from './tables/affiliates.ts';
import type { FoundationTables } from './tables/foundation.ts';

/** Every table Kysely knows; each feature adds its own interface from `tables/`. */
export interface DB extends FoundationTables, AffiliateTables {}
