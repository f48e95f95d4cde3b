// Affluent's click id script for the operator's own pages (served at /t.js). On the landing page
// it takes the click id the tracking link put in the URL and keeps it in a first-party cookie of
// the operator's site, so that a later page (sign-up, deposit) can hand it to the operator's
// server for its server-to-server call. It sets no other cookie, sends nothing and loads nothing.
//
//   <script src="https://track.example.com/t.js" data-param="click_id" data-days="30"></script>
//   window.affluent.clickId()   // the click id, or null
(() => {
  const script = document.currentScript;
  const option = (name, fallback) => script?.getAttribute(name) || fallback;
  const param = option('data-param', 'click_id');
  const asked = Number.parseInt(option('data-days', '30'), 10);
  const days = asked >= 1 && asked <= 3650 ? asked : 30;
  const cookie = 'affluent_click_id';
  // A click id is a ULID; anything else in the parameter is not ours to keep.
  const valid = /^[0-9A-Za-z_-]{1,64}$/;

  let fromUrl = null;
  try {
    fromUrl = new URLSearchParams(window.location.search).get(param);
  } catch {}
  if (fromUrl && valid.test(fromUrl)) {
    const secure = window.location.protocol === 'https:' ? '; Secure' : '';
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in browsers the landing pages serve.
    document.cookie = `${cookie}=${fromUrl}; Max-Age=${days * 86400}; Path=/; SameSite=Lax${secure}`;
  } else {
    fromUrl = null;
  }

  const stored = () => {
    for (const part of document.cookie ? document.cookie.split('; ') : []) {
      if (part.startsWith(`${cookie}=`)) {
        const value = part.slice(cookie.length + 1);
        return valid.test(value) ? value : null;
      }
    }
    return null;
  };

  window.affluent = window.affluent || {};
  // The URL's click id first (a cookie may be refused), then the one kept from an earlier visit.
  window.affluent.clickId = () => fromUrl || stored();
})();
