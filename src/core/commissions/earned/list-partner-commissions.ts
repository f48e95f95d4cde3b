import type { Db } from '../../../db/index.ts';
import { readProgramSettings } from '../../program/get-program.ts';
import { type CommissionFilter, listCommissions } from './list-commissions.ts';
import { partnerInputs } from './partner-trace.ts';

/**
 * The affiliate's own commissions, newest first, with as much of each trace as the operator lets
 * affiliates see (`commission_trace_visibility` of the program): nothing, the explanation
 * sentence (the rule, amounts and tier in plain words), or the sentence and the trace's inputs
 * about its own customers. Never the whole structured trace, which names the plan's internals
 * and, for a sub-affiliate cut, the other affiliate's earnings it was cut from.
 */
export async function listPartnerCommissions(options: {
  db: Db;
  affiliateId: number;
  filter: Omit<CommissionFilter, 'affiliate_id'>;
  limit: number;
  offset: number;
}) {
  const [result, settings] = await Promise.all([
    listCommissions({
      db: options.db,
      filter: { ...options.filter, affiliate_id: options.affiliateId },
      limit: options.limit,
      offset: options.offset,
    }),
    readProgramSettings(options.db),
  ]);
  const shown = settings.commission_trace_visibility;
  return {
    total: result.total,
    data: result.data.map((c) => {
      const { trace: _, source_affiliate_id: __, ...view } = c;
      return {
        ...view,
        explanation: shown === 'none' ? null : view.explanation,
        inputs: shown === 'sentence_and_inputs' ? partnerInputs(c) : null,
      };
    }),
  };
}
