import type { Config } from '../../../config.ts';
import type { Db } from '../../../db/index.ts';
import { queueEmail } from '../../email/email-job.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { RequestedReportRow } from './requested-report-view.ts';

const escapeText = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The address a requested report's owner reads; an API key has none. */
async function ownerEmail(db: Db, report: RequestedReportRow): Promise<string | null> {
  if (report.owner_type === 'affiliate_user') {
    const user = await db
      .selectFrom('affiliate_users')
      .select('email')
      .where('id', '=', report.owner_id)
      .executeTakeFirst();
    return user?.email ?? null;
  }
  if (report.owner_type === 'staff') {
    const staff = await db
      .selectFrom('staff_users')
      .select('email')
      .where('id', '=', report.owner_id)
      .executeTakeFirst();
    return staff?.email ?? null;
  }
  return null;
}

/** "Your report is ready": the email job with the link to the report's page, where both files download. */
export async function notifyReportReady(options: {
  db: Db;
  jobs: JobQueue;
  config: Config;
  report: RequestedReportRow;
}): Promise<void> {
  const { report } = options;
  const to = await ownerEmail(options.db, report);
  if (!to) return;
  const area = report.owner_type === 'affiliate_user' ? 'portal' : 'admin';
  const link = `${options.config.publicUrl}/${area}/reports/requested/${report.id}`;
  const name = report.name || `Report ${report.id}`;
  const days = Math.round((report.expires_at.getTime() - Date.now()) / 86_400_000);
  const text = `${name} is ready (${Number(report.total_rows ?? 0)} rows): the XLSX is attached.\n\nDownload it as XLSX or zipped CSV: ${link}\n\nThe files are kept for ${days} days.`;
  // A file name any mail client takes: the report's name without path or control characters.
  const filename = `${
    [...name]
      .map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '-' : c))
      .join('')
      .slice(0, 150) || 'report'
  }.xlsx`;
  await queueEmail(options.jobs, options.db, {
    template: 'requested_report_ready',
    to,
    subject: `Your report is ready: ${name}`,
    text,
    attachments: report.xlsx_key ? [{ filename, file: `requested-reports/${report.xlsx_key}` }] : [],
    html: `<p>${escapeText(name)} is ready (${Number(report.total_rows ?? 0)} rows): the XLSX is attached.</p><p><a href="${escapeText(link)}">Download it as XLSX or zipped CSV</a></p><p>The files are kept for ${days} days.</p>`,
  });
}
