// @internal: only core/identity imports this file.
import { UAParser } from 'ua-parser-js';

/** "Chrome 126 on macOS", from a User-Agent; what the sessions list shows as the device. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const { browser, os, device } = UAParser(userAgent);
  const app = [browser.name, browser.major].filter(Boolean).join(' ');
  const system = [device.vendor && device.model ? `${device.vendor} ${device.model}` : null, os.name]
    .filter(Boolean)
    .join(', ');
  if (app && system) return `${app} on ${system}`;
  return app || system || userAgent.slice(0, 60);
}
