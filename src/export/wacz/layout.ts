/** The fixed file names of a WACZ (WACZ 1.1.1), shared by the writer and the verifier (which must not pull in warcio). */
export const WACZ_VERSION = '1.1.1';
export const WACZ_FILES = {
  index: 'indexes/index.cdx',
  pages: 'pages/pages.jsonl',
  datapackage: 'datapackage.json',
  digest: 'datapackage-digest.json',
} as const;
