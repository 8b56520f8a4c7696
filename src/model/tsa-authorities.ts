/**
 * Public RFC 3161 time-stamping authorities offered in the options (issue #15, trusted time, opt-in). Plain data: the
 * person may also type another authority's address. List as of TSA_LIST_CHECKED: the addresses these authorities publish
 * for free RFC 3161 time stamping (no account), taken from issue #15's brief; NOT re-tried from the build machine, which
 * has no route to them — check them again when the list is next edited. http is fine for RFC 3161: the reply is a signed
 * token checked on arrival, and the request carries only a hash.
 */
export interface TsaAuthority {
  id: string;
  /** As a person would name it. */
  name: string;
  /** Where the TimeStampReq is POSTed. */
  url: string;
}

export const TSA_LIST_CHECKED = '2026-12-07';

export const TSA_AUTHORITIES: readonly TsaAuthority[] = Object.freeze([
  { id: 'freetsa', name: 'FreeTSA', url: 'https://freetsa.org/tsr' },
  { id: 'digicert', name: 'DigiCert', url: 'http://timestamp.digicert.com' },
  { id: 'sectigo', name: 'Sectigo', url: 'http://timestamp.sectigo.com' },
]);

/**
 * Whether `value` may be a time-stamping authority's address: http or https, a host name, no user name or password in it,
 * no fragment. Returns the normalised URL or undefined.
 */
export function normalizeTsaUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '' || text.length > 2048) return undefined;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  if (!u.hostname || u.username || u.password || u.hash) return undefined;
  return u.href;
}

/** The listed authority at this address, if any. */
export function listedTsa(url: string): TsaAuthority | undefined {
  return TSA_AUTHORITIES.find((a) => normalizeTsaUrl(a.url) === normalizeTsaUrl(url));
}

/** The host-permission pattern for an authority's address ("https://freetsa.org/*"): what is asked for at opt-in. */
export function tsaOriginPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

/** The name to show for an authority's address: the listed name, or its host. */
export function tsaDisplayName(url: string): string {
  const listed = listedTsa(url);
  if (listed) return listed.name;
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
