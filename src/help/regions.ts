/**
 * Who can help, by region (issue #14): emergency and police numbers, national helplines, support organisations and
 * each platform's safety centre. Plain data, bundled with the extension (nothing is fetched); the Get help page
 * (src/ui/help/HelpPage.tsx) shows it with each entry's source and the date it was last checked.
 *
 * Rules for this file (src/help/regions.test.ts holds them):
 * - Only facts from a source we can name. Where a number was not certain, it is left out and the organisation's site
 *   is linked instead: a wrong number is worse than none.
 * - `checked` is the day the entry was last compared with its `source` (the organisation's or a government's own
 *   published page, or the project's shared notes that cite them). Nobody phoned the numbers; the page says so.
 * - `phones[].number` is written as dialled in the region: digits, spaces and a leading + only (it becomes a tel: link).
 * - Names are the organisations' own names and are not translated; `note` is a message key (help prefix) that every
 *   locale has, for what a name alone does not say.
 */

export const HELP_KINDS = ['police', 'hotline', 'organisation', 'platform'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];

/** What an entry helps with. */
export const HELP_TOPICS = ['emergency', 'stalking', 'domestic-abuse', 'sexual-violence', 'online-abuse', 'image-abuse', 'emotional-support'] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

export interface HelpPhone {
  /** As dialled in the region: digits, spaces, an optional leading +. */
  number: string;
  /** call (default) and tty are tel: links; text and whatsapp are shown, not linked (a tel: link cannot send a text). */
  how?: 'call' | 'tty' | 'text' | 'whatsapp';
  /** The word to send, for a text line ("START"). */
  keyword?: string;
}

export interface HelpEntry {
  kind: HelpKind;
  /** The number to call when in danger now (shown first, under "If you are in danger now"). */
  emergency?: true;
  name: string;
  topics: HelpTopic[];
  phones?: HelpPhone[];
  /** The organisation's own site (https). */
  url?: string;
  /** Open every hour of every day (only where the source says so). */
  allDay?: true;
  /** A message key (helpNote…) saying what the name alone does not: who it is for, where it works, how to reach it. */
  note?: string;
  /** Where the facts come from (https). */
  source: string;
  /** YYYY-MM-DD: when the entry was last compared with its source. */
  checked: string;
}

export interface HelpRegion {
  /** ISO 3166-1 alpha-2, or INTL for the international list. */
  code: string;
  entries: HelpEntry[];
}

/** The international list's code: shown when the browser's region has no list of its own. */
export const INTL = 'INTL';

const CHECKED = '2026-12-07';

/** Each platform's own safety centre: in every region (the platforms are the same everywhere). */
const PLATFORMS: HelpEntry[] = [
  {
    kind: 'platform',
    name: 'X Help Center: safety and security',
    topics: ['online-abuse', 'image-abuse', 'stalking'],
    url: 'https://help.x.com/en/safety-and-security',
    note: 'helpNotePlatformX',
    source: 'https://help.x.com/en/safety-and-security',
    checked: CHECKED,
  },
  {
    kind: 'platform',
    name: 'Instagram Safety Center',
    topics: ['online-abuse', 'image-abuse', 'stalking'],
    url: 'https://about.instagram.com/safety',
    note: 'helpNotePlatformInstagram',
    source: 'https://about.instagram.com/safety',
    checked: CHECKED,
  },
  {
    kind: 'platform',
    name: 'Meta Safety Center (Facebook, Messenger)',
    topics: ['online-abuse', 'image-abuse', 'stalking', 'domestic-abuse'],
    url: 'https://about.meta.com/actions/safety',
    note: 'helpNotePlatformMeta',
    source: 'https://about.meta.com/actions/safety',
    checked: CHECKED,
  },
];

/** For adults whose intimate images are shared or threatened: works with Facebook and Instagram (not X). */
const STOPNCII: HelpEntry = {
  kind: 'organisation',
  name: 'StopNCII.org',
  topics: ['image-abuse'],
  url: 'https://stopncii.org/',
  note: 'helpNoteStopNcii',
  source: 'https://stopncii.org/',
  checked: CHECKED,
};

/** For images taken before the person was 18 (NCMEC). */
const TAKE_IT_DOWN: HelpEntry = {
  kind: 'organisation',
  name: 'Take It Down (NCMEC)',
  topics: ['image-abuse'],
  url: 'https://takeitdown.ncmec.org/',
  note: 'helpNoteTakeItDown',
  source: 'https://takeitdown.ncmec.org/',
  checked: CHECKED,
};

/** Helplines in many countries, searchable by country and topic (ThroughLine). */
const FIND_A_HELPLINE: HelpEntry = {
  kind: 'organisation',
  name: 'Find A Helpline',
  topics: ['domestic-abuse', 'sexual-violence', 'emotional-support'],
  url: 'https://findahelpline.com/',
  note: 'helpNoteFindAHelpline',
  source: 'https://findahelpline.com/',
  checked: CHECKED,
};

/** US national helplines (they answer in Puerto Rico too). */
const NDVH: HelpEntry = {
  kind: 'hotline',
  name: 'National Domestic Violence Hotline',
  topics: ['domestic-abuse', 'stalking'],
  phones: [{ number: '1 800 799 7233' }, { number: '1 800 787 3224', how: 'tty' }, { number: '88788', how: 'text', keyword: 'START' }],
  url: 'https://www.thehotline.org/',
  allDay: true,
  source: 'https://www.thehotline.org/',
  checked: CHECKED,
};

const RAINN: HelpEntry = {
  kind: 'hotline',
  name: 'RAINN National Sexual Assault Hotline',
  topics: ['sexual-violence'],
  phones: [{ number: '1 800 656 4673' }],
  url: 'https://rainn.org/',
  allDay: true,
  note: 'helpNoteOnlineChat',
  source: 'https://rainn.org/',
  checked: CHECKED,
};

/** An emergency number that is the police's too, from the list of national emergency numbers. */
function emergency(number: string, source: string, note?: string): HelpEntry {
  return { kind: 'police', emergency: true, name: number, topics: ['emergency'], phones: [{ number }], allDay: true, ...(note ? { note } : {}), source, checked: CHECKED };
}

const EMERGENCY_LIST = 'https://en.wikipedia.org/wiki/List_of_emergency_telephone_numbers';

export const REGIONS: HelpRegion[] = [
  {
    code: 'US',
    entries: [
      emergency('911', 'https://www.911.gov/'),
      NDVH,
      RAINN,
      {
        kind: 'hotline',
        name: 'Cyber Civil Rights Initiative: Image Abuse Helpline',
        topics: ['image-abuse', 'online-abuse'],
        phones: [{ number: '1 844 878 2274' }],
        url: 'https://cybercivilrights.org/',
        note: 'helpNoteImageAbuse',
        source: 'https://cybercivilrights.org/',
        checked: CHECKED,
      },
      {
        kind: 'hotline',
        name: '988 Suicide & Crisis Lifeline',
        topics: ['emotional-support'],
        phones: [{ number: '988' }, { number: '988', how: 'text' }],
        url: 'https://988lifeline.org/',
        allDay: true,
        source: 'https://988lifeline.org/',
        checked: CHECKED,
      },
      {
        kind: 'police',
        name: 'FBI Internet Crime Complaint Center (IC3)',
        topics: ['online-abuse', 'stalking'],
        url: 'https://www.ic3.gov/',
        note: 'helpNoteIc3',
        source: 'https://www.ic3.gov/',
        checked: CHECKED,
      },
      {
        kind: 'organisation',
        name: 'SPARC (Stalking Prevention, Awareness, and Resource Center)',
        topics: ['stalking'],
        url: 'https://www.stalkingawareness.org/',
        note: 'helpNoteSparc',
        source: 'https://www.stalkingawareness.org/',
        checked: CHECKED,
      },
      STOPNCII,
      TAKE_IT_DOWN,
      ...PLATFORMS,
    ],
  },
  {
    code: 'GB',
    entries: [
      emergency('999', 'https://www.police.uk/', 'helpNoteUk55'),
      {
        kind: 'hotline',
        name: 'National Stalking Helpline (Suzy Lamplugh Trust)',
        topics: ['stalking'],
        phones: [{ number: '0808 802 0300' }],
        url: 'https://www.suzylamplugh.org/',
        note: 'helpNoteSeeHours',
        source: 'https://www.suzylamplugh.org/',
        checked: CHECKED,
      },
      {
        kind: 'hotline',
        name: 'National Domestic Abuse Helpline (Refuge)',
        topics: ['domestic-abuse'],
        phones: [{ number: '0808 2000 247' }],
        url: 'https://www.nationaldahelpline.org.uk/',
        allDay: true,
        note: 'helpNoteEngland',
        source: 'https://www.nationaldahelpline.org.uk/',
        checked: CHECKED,
      },
      {
        kind: 'hotline',
        name: "Scotland's Domestic Abuse and Forced Marriage Helpline",
        topics: ['domestic-abuse'],
        phones: [{ number: '0800 027 1234' }],
        url: 'https://sdafmh.org.uk/',
        allDay: true,
        note: 'helpNoteScotland',
        source: 'https://scotland.police.uk/advice-and-information/domestic-abuse/what-can-i-do-if-this-is-happening-to-me',
        checked: CHECKED,
      },
      {
        kind: 'hotline',
        name: 'Live Fear Free Helpline',
        topics: ['domestic-abuse', 'sexual-violence'],
        phones: [{ number: '0808 80 10 800' }],
        url: 'https://www.gov.wales/live-fear-free',
        allDay: true,
        note: 'helpNoteWales',
        source: 'https://www.gov.wales/live-fear-free',
        checked: CHECKED,
      },
      {
        kind: 'hotline',
        name: 'Domestic and Sexual Abuse Helpline (Northern Ireland)',
        topics: ['domestic-abuse', 'sexual-violence'],
        phones: [{ number: '0808 802 1414' }],
        url: 'https://www.dsahelpline.org/',
        allDay: true,
        note: 'helpNoteNorthernIreland',
        source: 'https://www.dsahelpline.org/',
        checked: CHECKED,
      },
      {
        kind: 'hotline',
        name: 'Rape Crisis 24/7 Support Line',
        topics: ['sexual-violence'],
        phones: [{ number: '0808 500 2222' }],
        url: 'https://247sexualabusesupport.org.uk/',
        allDay: true,
        note: 'helpNoteEnglandWales',
        source: 'https://247sexualabusesupport.org.uk/',
        checked: CHECKED,
      },
      {
        kind: 'hotline',
        name: 'Rape Crisis Scotland Helpline',
        topics: ['sexual-violence'],
        phones: [{ number: '0808 801 0302' }],
        url: 'https://www.rapecrisisscotland.org.uk/',
        note: 'helpNoteScotlandSeeHours',
        source: 'https://www.rapecrisisscotland.org.uk/',
        checked: CHECKED,
      },
      {
        kind: 'hotline',
        name: 'Revenge Porn Helpline',
        topics: ['image-abuse'],
        phones: [{ number: '0345 6000 459' }],
        url: 'https://revengepornhelpline.org.uk/',
        note: 'helpNoteImageAbuse',
        source: 'https://revengepornhelpline.org.uk/',
        checked: CHECKED,
      },
      {
        kind: 'hotline',
        name: 'Samaritans',
        topics: ['emotional-support'],
        phones: [{ number: '116 123' }],
        url: 'https://www.samaritans.org/',
        allDay: true,
        source: 'https://www.samaritans.org/',
        checked: CHECKED,
      },
      {
        kind: 'police',
        name: 'Police non-emergency: 101',
        topics: ['stalking', 'domestic-abuse', 'online-abuse'],
        phones: [{ number: '101' }],
        url: 'https://www.police.uk/',
        note: 'helpNoteNonEmergency',
        source: 'https://www.police.uk/',
        checked: CHECKED,
      },
      {
        kind: 'organisation',
        name: 'Paladin National Stalking Advocacy Service',
        topics: ['stalking'],
        url: 'https://paladinservice.co.uk/',
        note: 'helpNotePaladin',
        source: 'https://paladinservice.co.uk/',
        checked: CHECKED,
      },
      {
        kind: 'organisation',
        name: 'Report Harmful Content',
        topics: ['online-abuse'],
        url: 'https://reportharmfulcontent.com/',
        note: 'helpNoteReportHarmful',
        source: 'https://reportharmfulcontent.com/',
        checked: CHECKED,
      },
      {
        kind: 'organisation',
        name: 'Get Safe Online',
        topics: ['online-abuse'],
        url: 'https://www.getsafeonline.org/',
        note: 'helpNoteGetSafeOnline',
        source: 'https://www.getsafeonline.org/',
        checked: CHECKED,
      },
      STOPNCII,
      ...PLATFORMS,
    ],
  },
  {
    code: 'IE',
    entries: [
      emergency('112', 'https://www.garda.ie/', 'helpNoteIe999'),
      {
        kind: 'hotline',
        name: "Women's Aid 24hr National Freephone Helpline",
        topics: ['domestic-abuse', 'stalking'],
        phones: [{ number: '1800 341 900' }],
        url: 'https://www.womensaid.ie/',
        allDay: true,
        source: 'https://www.womensaid.ie/',
        checked: CHECKED,
      },
      {
        kind: 'hotline',
        name: 'Dublin Rape Crisis Centre National 24-Hour Helpline',
        topics: ['sexual-violence'],
        phones: [{ number: '1800 77 8888' }],
        url: 'https://www.drcc.ie/',
        allDay: true,
        source: 'https://www.drcc.ie/',
        checked: CHECKED,
      },
      {
        kind: 'hotline',
        name: 'Samaritans Ireland',
        topics: ['emotional-support'],
        phones: [{ number: '116 123' }],
        url: 'https://www.samaritans.org/ireland/',
        allDay: true,
        source: 'https://www.samaritans.org/ireland/',
        checked: CHECKED,
      },
      {
        kind: 'organisation',
        name: 'Hotline.ie',
        topics: ['image-abuse', 'online-abuse'],
        url: 'https://hotline.ie/',
        note: 'helpNoteHotlineIe',
        source: 'https://hotline.ie/',
        checked: CHECKED,
      },
      STOPNCII,
      ...PLATFORMS,
    ],
  },
  {
    code: 'CA',
    entries: [
      emergency('911', EMERGENCY_LIST),
      {
        kind: 'hotline',
        name: '9-8-8 Suicide Crisis Helpline',
        topics: ['emotional-support'],
        phones: [{ number: '988' }, { number: '988', how: 'text' }],
        url: 'https://988.ca/',
        allDay: true,
        source: 'https://988.ca/',
        checked: CHECKED,
      },
      {
        kind: 'organisation',
        name: 'ShelterSafe (Women’s Shelters Canada)',
        topics: ['domestic-abuse'],
        url: 'https://sheltersafe.ca/',
        note: 'helpNoteShelterSafe',
        source: 'https://sheltersafe.ca/',
        checked: CHECKED,
      },
      {
        kind: 'organisation',
        name: 'Cybertip.ca / NeedHelpNow.ca (Canadian Centre for Child Protection)',
        topics: ['image-abuse'],
        url: 'https://needhelpnow.ca/',
        note: 'helpNoteNeedHelpNow',
        source: 'https://needhelpnow.ca/',
        checked: CHECKED,
      },
      STOPNCII,
      ...PLATFORMS,
    ],
  },
  {
    code: 'AU',
    entries: [
      emergency('000', 'https://www.triplezero.gov.au/', 'helpNoteAu112'),
      {
        kind: 'hotline',
        name: '1800RESPECT',
        topics: ['domestic-abuse', 'sexual-violence'],
        phones: [{ number: '1800 737 732' }],
        url: 'https://www.1800respect.org.au/',
        allDay: true,
        source: 'https://www.1800respect.org.au/',
        checked: CHECKED,
      },
      {
        kind: 'hotline',
        name: 'Lifeline',
        topics: ['emotional-support'],
        phones: [{ number: '13 11 14' }],
        url: 'https://www.lifeline.org.au/',
        allDay: true,
        source: 'https://www.lifeline.org.au/',
        checked: CHECKED,
      },
      {
        kind: 'police',
        name: 'Police Assistance Line: 131 444',
        topics: ['stalking', 'domestic-abuse', 'online-abuse'],
        phones: [{ number: '131 444' }],
        note: 'helpNoteNonEmergency',
        source: 'https://www.triplezero.gov.au/',
        checked: CHECKED,
      },
      {
        kind: 'organisation',
        name: 'eSafety Commissioner',
        topics: ['online-abuse', 'image-abuse', 'stalking'],
        url: 'https://www.esafety.gov.au/report',
        note: 'helpNoteEsafety',
        source: 'https://www.esafety.gov.au/report',
        checked: CHECKED,
      },
      STOPNCII,
      ...PLATFORMS,
    ],
  },
  {
    code: 'ES',
    entries: [
      emergency('112', EMERGENCY_LIST),
      {
        kind: 'hotline',
        name: '016',
        topics: ['domestic-abuse', 'sexual-violence', 'stalking'],
        phones: [{ number: '016' }, { number: '600 000 016', how: 'whatsapp' }],
        url: 'https://violenciagenero.igualdad.gob.es/',
        allDay: true,
        note: 'helpNote016',
        source: 'https://violenciagenero.igualdad.gob.es/',
        checked: CHECKED,
      },
      {
        kind: 'hotline',
        name: '017 — INCIBE, Tu Ayuda en Ciberseguridad',
        topics: ['online-abuse'],
        phones: [{ number: '017' }],
        url: 'https://www.incibe.es/linea-de-ayuda-en-ciberseguridad',
        note: 'helpNoteIncibe',
        source: 'https://www.incibe.es/linea-de-ayuda-en-ciberseguridad',
        checked: CHECKED,
      },
      {
        kind: 'police',
        name: 'Policía Nacional: 091',
        topics: ['emergency', 'stalking', 'online-abuse'],
        phones: [{ number: '091' }],
        url: 'https://www.policia.es/',
        source: 'https://www.policia.es/',
        checked: CHECKED,
      },
      {
        kind: 'police',
        name: 'Guardia Civil: 062',
        topics: ['emergency', 'stalking', 'online-abuse'],
        phones: [{ number: '062' }],
        url: 'https://www.guardiacivil.es/',
        source: 'https://www.guardiacivil.es/',
        checked: CHECKED,
      },
      {
        kind: 'organisation',
        name: 'Agencia Española de Protección de Datos: Canal prioritario',
        topics: ['image-abuse', 'online-abuse'],
        url: 'https://www.aepd.es/canalprioritario',
        note: 'helpNoteAepd',
        source: 'https://www.aepd.es/canalprioritario',
        checked: CHECKED,
      },
      STOPNCII,
      ...PLATFORMS,
    ],
  },
  {
    code: 'MX',
    entries: [
      emergency('911', 'https://www.gob.mx/sesnsp'),
      {
        kind: 'hotline',
        name: 'Línea de las Mujeres 079',
        topics: ['domestic-abuse', 'sexual-violence', 'stalking', 'online-abuse'],
        phones: [{ number: '079' }],
        url: 'https://www.gob.mx/mujeres',
        allDay: true,
        note: 'helpNote079',
        source: 'https://www.gob.mx/mujeres',
        checked: CHECKED,
      },
      {
        kind: 'police',
        name: 'Denuncia Anónima 089',
        topics: ['stalking', 'domestic-abuse', 'online-abuse'],
        phones: [{ number: '089' }],
        note: 'helpNoteAnonymous',
        source: 'https://www.gob.mx/sesnsp',
        checked: CHECKED,
      },
      {
        kind: 'organisation',
        name: 'Red Nacional de Refugios',
        topics: ['domestic-abuse'],
        url: 'https://rednacionalderefugios.org.mx/',
        note: 'helpNoteRefuges',
        source: 'https://rednacionalderefugios.org.mx/',
        checked: CHECKED,
      },
      STOPNCII,
      ...PLATFORMS,
    ],
  },
  {
    code: 'AR',
    entries: [
      emergency('911', EMERGENCY_LIST),
      {
        kind: 'hotline',
        name: 'Línea 144',
        topics: ['domestic-abuse', 'sexual-violence', 'stalking', 'online-abuse'],
        phones: [{ number: '144' }],
        url: 'https://www.argentina.gob.ar/',
        allDay: true,
        note: 'helpNote144',
        source: 'https://www.argentina.gob.ar/',
        checked: CHECKED,
      },
      STOPNCII,
      ...PLATFORMS,
    ],
  },
  {
    code: 'CO',
    entries: [
      emergency('123', EMERGENCY_LIST),
      {
        kind: 'hotline',
        name: 'Línea 155',
        topics: ['domestic-abuse', 'sexual-violence', 'stalking'],
        phones: [{ number: '155' }],
        url: 'https://www.policia.gov.co/',
        allDay: true,
        note: 'helpNoteWomenLine',
        source: 'https://www.policia.gov.co/',
        checked: CHECKED,
      },
      {
        kind: 'police',
        name: 'CAI Virtual (Policía Nacional)',
        topics: ['online-abuse', 'image-abuse'],
        url: 'https://caivirtual.policia.gov.co/',
        note: 'helpNoteCybercrime',
        source: 'https://caivirtual.policia.gov.co/',
        checked: CHECKED,
      },
      STOPNCII,
      ...PLATFORMS,
    ],
  },
  {
    code: 'CL',
    entries: [
      emergency('133', 'https://www.carabineros.cl/'),
      {
        kind: 'hotline',
        name: 'Fono 1455 (SernamEG)',
        topics: ['domestic-abuse', 'sexual-violence', 'stalking'],
        phones: [{ number: '1455' }],
        url: 'https://www.sernameg.gob.cl/',
        note: 'helpNoteWomenLineHours',
        source: 'https://minmujeryeg.gob.cl/?page_id=4023',
        checked: CHECKED,
      },
      {
        kind: 'police',
        name: 'PDI (Policía de Investigaciones): 134',
        topics: ['online-abuse', 'stalking'],
        phones: [{ number: '134' }],
        url: 'https://www.pdichile.cl/',
        source: 'https://www.pdichile.cl/',
        checked: CHECKED,
      },
      STOPNCII,
      ...PLATFORMS,
    ],
  },
  {
    code: 'PE',
    entries: [
      emergency('105', EMERGENCY_LIST),
      {
        kind: 'hotline',
        name: 'Línea 100',
        topics: ['domestic-abuse', 'sexual-violence'],
        phones: [{ number: '100' }],
        url: 'https://www.gob.pe/mimp',
        allDay: true,
        note: 'helpNoteLinea100',
        source: 'https://www.gob.pe/mimp',
        checked: CHECKED,
      },
      STOPNCII,
      ...PLATFORMS,
    ],
  },
  {
    code: 'EC',
    entries: [
      emergency('911', 'https://www.ecu911.gob.ec/'),
      {
        kind: 'police',
        name: '1800 DELITO (Policía Nacional)',
        topics: ['stalking', 'domestic-abuse', 'online-abuse'],
        phones: [{ number: '1800 335486' }],
        url: 'https://www.policia.gob.ec/',
        note: 'helpNoteCrimeLine',
        source: 'https://www.policia.gob.ec/',
        checked: CHECKED,
      },
      {
        kind: 'police',
        name: 'Fiscalía General del Estado',
        topics: ['stalking', 'domestic-abuse', 'sexual-violence', 'online-abuse'],
        url: 'https://www.fiscalia.gob.ec/',
        note: 'helpNoteProsecutor',
        source: 'https://www.fiscalia.gob.ec/',
        checked: CHECKED,
      },
      STOPNCII,
      ...PLATFORMS,
    ],
  },
  {
    code: 'UY',
    entries: [
      emergency('911', EMERGENCY_LIST),
      {
        kind: 'hotline',
        name: '0800 4141 (Inmujeres)',
        topics: ['domestic-abuse', 'stalking'],
        phones: [{ number: '0800 4141' }],
        url: 'https://www.gub.uy/ministerio-desarrollo-social/',
        allDay: true,
        note: 'helpNoteUy4141',
        source: 'https://ladiaria.com.uy/feminismos/articulo/2024/3/mas-de-tres-decadas-asesorando-a-mujeres-victimas-de-violencia-que-alcance-ha-tenido-el-0800-4141-y-como-se-transformo-desde-su-creacion/',
        checked: CHECKED,
      },
      STOPNCII,
      ...PLATFORMS,
    ],
  },
  {
    code: 'PY',
    entries: [
      emergency('911', EMERGENCY_LIST),
      {
        kind: 'hotline',
        name: 'SOS Mujer 137 (Ministerio de la Mujer)',
        topics: ['domestic-abuse'],
        phones: [{ number: '137' }],
        url: 'https://www.mujer.gov.py/',
        allDay: true,
        source: 'https://www.mujer.gov.py/',
        checked: CHECKED,
      },
      STOPNCII,
      ...PLATFORMS,
    ],
  },
  { code: 'BO', entries: [emergency('110', EMERGENCY_LIST), STOPNCII, FIND_A_HELPLINE, ...PLATFORMS] },
  { code: 'CR', entries: [emergency('911', EMERGENCY_LIST), STOPNCII, FIND_A_HELPLINE, ...PLATFORMS] },
  { code: 'CU', entries: [emergency('106', EMERGENCY_LIST), STOPNCII, FIND_A_HELPLINE, ...PLATFORMS] },
  { code: 'DO', entries: [emergency('911', EMERGENCY_LIST), STOPNCII, FIND_A_HELPLINE, ...PLATFORMS] },
  { code: 'HN', entries: [emergency('911', EMERGENCY_LIST), STOPNCII, FIND_A_HELPLINE, ...PLATFORMS] },
  { code: 'NI', entries: [emergency('118', EMERGENCY_LIST), STOPNCII, FIND_A_HELPLINE, ...PLATFORMS] },
  { code: 'PA', entries: [emergency('911', EMERGENCY_LIST), STOPNCII, FIND_A_HELPLINE, ...PLATFORMS] },
  { code: 'SV', entries: [emergency('911', EMERGENCY_LIST), STOPNCII, FIND_A_HELPLINE, ...PLATFORMS] },
  { code: 'GT', entries: [emergency('110', EMERGENCY_LIST), STOPNCII, FIND_A_HELPLINE, ...PLATFORMS] },
  { code: 'VE', entries: [emergency('911', EMERGENCY_LIST), STOPNCII, FIND_A_HELPLINE, ...PLATFORMS] },
  {
    // Puerto Rico: the US national helplines answer there too.
    code: 'PR',
    entries: [emergency('911', EMERGENCY_LIST), NDVH, RAINN, STOPNCII, ...PLATFORMS],
  },
  {
    code: INTL,
    entries: [
      {
        kind: 'police',
        emergency: true,
        name: '112',
        topics: ['emergency'],
        phones: [{ number: '112' }],
        note: 'helpNoteIntlEmergency',
        source: EMERGENCY_LIST,
        checked: CHECKED,
      },
      FIND_A_HELPLINE,
      STOPNCII,
      TAKE_IT_DOWN,
      ...PLATFORMS,
    ],
  },
];
