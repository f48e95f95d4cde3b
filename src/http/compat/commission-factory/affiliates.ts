import type { AffiliateStatus } from '../../../core/affiliates/status.ts';
import { type CommissionFactoryStatus, toCommissionFactoryStatus } from './status.ts';

/**
 * Commission Factory's date format: ISO 8601 to the millisecond without a zone
 * (`2000-01-01T00:00:00.000`). Affluent writes UTC.
 */
export function cfDate(value: Date | string | null): string | null {
  if (value === null) return null;
  return new Date(value).toISOString().slice(0, 23);
}

/** A Website traffic source, with every property the document lists for that type, in its order. */
export interface CfWebsiteSource {
  Type: 'Website';
  Status: 'Approved' | 'Pending';
  WebsiteDateCreated: string;
  WebsiteDateModified: string;
  WebsiteUrl: string;
  WebsiteName: string;
  WebsiteDescription: string | null;
  WebsiteCategory: string | null;
  WebsiteType: string | null;
  WebsiteWeeklyVisitors: number | null;
  WebsiteYearsOnline: number | null;
  WebsiteChannel: string | null;
  WebsiteVerified: boolean;
}

/** Commission Factory's Affiliate, its properties in the document's order. */
export interface CfAffiliate {
  Id: number;
  DateCreated: string;
  DateModified: string;
  DateApplied: string;
  DateApproved: string | null;
  ContactName: string;
  BusinessName: string | null;
  Status: CommissionFactoryStatus;
  TrafficSources: CfWebsiteSource[] | null;
}

/** What the mapping reads of a native affiliate (a list item or a full read). */
export interface NativeAffiliate {
  id: number;
  name: string;
  contact_name: string | null;
  company_name: string | null;
  status: AffiliateStatus;
  created_at: Date;
  updated_at: Date;
  applied_at: Date;
  approved_at: Date | null;
}

/**
 * One affiliate as Commission Factory shows it; null for a status it has no word for (see
 * status.ts). ContactName is the contact person, else the account's name (never null there).
 */
export function toCfAffiliate(
  a: NativeAffiliate,
  trafficSources: CfWebsiteSource[] | null,
): CfAffiliate | null {
  const status = toCommissionFactoryStatus(a.status);
  if (status === null) return null;
  return {
    Id: a.id,
    DateCreated: cfDate(a.created_at)!,
    DateModified: cfDate(a.updated_at)!,
    DateApplied: cfDate(a.applied_at)!,
    DateApproved: cfDate(a.approved_at),
    ContactName: a.contact_name ?? a.name,
    BusinessName: a.company_name,
    Status: status,
    TrafficSources: trafficSources,
  };
}

/**
 * The affiliate's website (the one Affluent holds, from its application or profile) as a Website
 * traffic source: approved with the account, pending while the application is. What Affluent
 * does not ask for (category, type, visitors, years online, channel) is null; ownership is never
 * verified. The operator's traffic-source categories have no URL and no Commission Factory type,
 * so they stay in the native API.
 */
export function websiteSource(a: NativeAffiliate & { website_url: string | null }): CfWebsiteSource[] {
  if (!a.website_url) return [];
  let host = a.website_url;
  try {
    host = new URL(a.website_url).hostname;
  } catch {
    // A stored URL passed validation; keep it whole if it does not parse here.
  }
  return [
    {
      Type: 'Website',
      Status: a.status === 'pending' ? 'Pending' : 'Approved',
      WebsiteDateCreated: cfDate(a.created_at)!,
      WebsiteDateModified: cfDate(a.updated_at)!,
      WebsiteUrl: a.website_url,
      WebsiteName: host,
      WebsiteDescription: null,
      WebsiteCategory: null,
      WebsiteType: null,
      WebsiteWeeklyVisitors: null,
      WebsiteYearsOnline: null,
      WebsiteChannel: null,
      WebsiteVerified: false,
    },
  ];
}
