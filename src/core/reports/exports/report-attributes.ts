import type { Db } from '../../../db/index.ts';
import { hiddenMetrics } from '../engine/plan-report.ts';
import { METRIC_NAMES, METRICS, type Metric } from '../engine/report-query.ts';

/** The measurements an affiliate may see in its reports (the operator's extra permissions), in order. */
export async function reportAttributes(options: { db: Db; affiliateId: number }) {
  const hidden = await hiddenMetrics(options.db, options.affiliateId);
  return METRIC_NAMES.filter((m) => !hidden.has(m)).map((m: Metric) => ({
    name: m,
    title: METRICS[m].label,
    kind: METRICS[m].kind,
    description: METRICS[m].description,
  }));
}
