/** The request headers the click path reads. */
export interface VisitorHeaders {
  cookie: string | undefined;
  userAgent: string | undefined;
  referrer: string | undefined;
  forwardedFor: string | undefined;
}

/**
 * Reads them from `req.rawHeaders`: Node builds `req.headers` only when it is first read, and
 * building it costs a click more than the rest of its own work. Same values as `req.headers`:
 * the first User-Agent and Referer, every Cookie joined with "; ", every X-Forwarded-For with ", ".
 */
export function visitorHeaders(raw: string[]): VisitorHeaders {
  const out: VisitorHeaders = {
    cookie: undefined,
    userAgent: undefined,
    referrer: undefined,
    forwardedFor: undefined,
  };
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    // Names are compared only when their length could match.
    switch (name.length) {
      case 6:
        if (name.toLowerCase() === 'cookie')
          out.cookie = out.cookie === undefined ? value : `${out.cookie}; ${value}`;
        break;
      case 7:
        if (out.referrer === undefined && name.toLowerCase() === 'referer') out.referrer = value;
        break;
      case 10:
        if (out.userAgent === undefined && name.toLowerCase() === 'user-agent') out.userAgent = value;
        break;
      case 15:
        if (name.toLowerCase() === 'x-forwarded-for') {
          out.forwardedFor = out.forwardedFor === undefined ? value : `${out.forwardedFor}, ${value}`;
        }
        break;
    }
  }
  return out;
}
