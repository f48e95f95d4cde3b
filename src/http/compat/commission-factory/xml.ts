import { XMLBuilder } from 'fast-xml-parser';

export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
export const MERCHANT_NS = 'https://api.commissionfactory.com/V1/Merchant';

// suppressBooleanAttributes off: the builder would write i:nil="true" as a bare (invalid) i:nil.
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

/** Element names of array items, as the DataContract serializer of the original names them. */
const ITEM_NAMES: Record<string, string> = {
  AffiliateArray: 'Affiliate',
  TrafficSources: 'TrafficSource',
};

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * A value in the builder's terms: properties in the order given, null as `i:nil="true"`, an array
 * as one child element per item, booleans as true/false.
 */
function node(name: string, value: Json): unknown {
  if (value === null) return { '@_i:nil': 'true' };
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name];
    if (!item) throw new Error(`no XML item name for ${name}`);
    return value.length ? { [item]: value.map((v) => node(item, v)) } : {};
  }
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, node(k, v)]));
  }
  return String(value);
}

/**
 * A document as Commission Factory answers in XML: the root element in the merchant namespace
 * with the XML Schema instance prefix declared, `<AffiliateArray xmlns:i=... xmlns=...>`.
 */
export function merchantXml(root: string, value: Json): string {
  const body = node(root, value);
  const element = typeof body === 'object' && body !== null ? body : { '#text': body };
  return builder.build({ [root]: { '@_xmlns:i': XSI, '@_xmlns': MERCHANT_NS, ...element } });
}

const plain = new XMLBuilder({ suppressEmptyNode: true });

/** An error as ASP.NET Web API (which the original runs on) writes one in XML. */
export function errorXml(message: string): string {
  return plain.build({ Error: { Message: message } });
}
