// MultiSafepay's partner API (api.multisafepay.com/v1/json/...) at /multisafepay/v1/json: the
// operator is the partner, each affiliate an affiliated account. The operator key in `api_key`
// (header or query), MultiSafepay's envelopes and error bodies (errors.ts), each call translated to
// the native core operations.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError } from 'fastify';
import { AppError } from '../../../core/errors.ts';
import { toAppError } from '../../plugins/error-handler.ts';
import { accountRoutes } from './accounts.ts';
import { autoPayoutRoutes } from './autopayouts.ts';
import { balanceRoutes } from './balances.ts';
import { bankingRoutes } from './banking.ts';
import { correspondenceRoutes } from './correspondence.ts';
import { sendMspError } from './errors.ts';
import { siteRoutes } from './sites.ts';
import { transactionRoutes } from './transactions.ts';

export const multisafepayRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error, request);
    if (appError.code === 'internal_error') request.log.error({ err: error }, 'request failed');
    return sendMspError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendMspError(
      request,
      reply,
      new AppError('not_found', `no MultiSafepay call ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
  await app.register(accountRoutes);
  await app.register(balanceRoutes);
  await app.register(transactionRoutes);
  await app.register(autoPayoutRoutes);
  await app.register(correspondenceRoutes);
  await app.register(bankingRoutes);
  await app.register(siteRoutes);
};
