import type { AffiliateTables } from './tables/affiliates.ts';
import type { AnalyticsTables } from './tables/analytics.ts';
import type { AuditTables } from './tables/audit.ts';
import type { BillingTables } from './tables/billing.ts';
import type { ClickCountTables } from './tables/click-counts.ts';
import type { CommissionTables } from './tables/commissions.ts';
import type { CorrespondenceTables } from './tables/correspondence.ts';
import type { DocumentTables } from './tables/documents.ts';
import type { EarnedCommissionTables } from './tables/earned-commissions.ts';
import type { EventImportTables } from './tables/event-imports.ts';
import type { EventTables } from './tables/events.ts';
import type { FoundationTables } from './tables/foundation.ts';
import type { IdentityTables } from './tables/identity.ts';
import type { LedgerTables } from './tables/ledger.ts';
import type { NewsTables } from './tables/news.ts';
import type { PostbackTables } from './tables/postbacks.ts';
import type { ReferenceTables } from './tables/reference.ts';
import type { ReportFileTables } from './tables/report-files.ts';
import type { RevshareTables } from './tables/revshare.ts';
import type { SiteTables } from './tables/sites.ts';
import type { TermsTables } from './tables/terms.ts';
import type { TrackingTables } from './tables/tracking.ts';
import type { WebhookTables } from './tables/webhooks.ts';

/** Every table Kysely knows; each feature adds its own interface from `tables/`. */
export interface DB
  extends FoundationTables,
    AffiliateTables,
    ReferenceTables,
    TrackingTables,
    IdentityTables,
    EventTables,
    EventImportTables,
    ClickCountTables,
    CommissionTables,
    LedgerTables,
    PostbackTables,
    EarnedCommissionTables,
    RevshareTables,
    AuditTables,
    BillingTables,
    WebhookTables,
    ReportFileTables,
    CorrespondenceTables,
    TermsTables,
    AnalyticsTables,
    NewsTables,
    SiteTables,
    DocumentTables {}
