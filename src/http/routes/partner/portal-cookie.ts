import type { FastifyReply } from 'fastify';
import type { Config } from '../../../config.ts';
import { PORTAL_COOKIE } from '../../plugins/partner-auth.ts';

export function setPortalCookie(reply: FastifyReply, config: Config, token: string, expires: Date): void {
  reply.setCookie(PORTAL_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    expires,
  });
}

export function clearPortalCookie(reply: FastifyReply): void {
  reply.clearCookie(PORTAL_COOKIE, { path: '/' });
}
