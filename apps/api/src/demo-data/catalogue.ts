import type { EndUseCode, LicenceType, UsmlCategory } from '@app/domain';

/**
 * What the demo caseload is drawn from. The shares are illustrative (the order of magnitude of DDTC's caseload by
 * destination and licence type), not statistics; company names are invented.
 */

export interface Destination {
  readonly code: string;
  readonly name: string;
  /** As in "<adjective> Army". */
  readonly adjective: string;
  /** The armed forces, when they are not "<adjective> Army / Air Force / Navy". */
  readonly forces?: readonly string[];
  /** Relative share of the cases whose end user is there. */
  readonly weight: number;
  /** Local companies that buy, integrate or forward defence articles. */
  readonly industry: readonly string[];
}

/** The 40 destinations: allies and partners, and a few §126.1 countries (22 CFR §126.1), Cambodia among them. */
export const DESTINATIONS: readonly Destination[] = [
  { code: 'GB', name: 'United Kingdom', adjective: 'British', weight: 9, industry: ['Albion Aerospace plc', 'Thamesmead Defence Ltd'] },
  { code: 'JP', name: 'Japan', adjective: 'Japanese', forces: ['Japan Ground Self-Defense Force', 'Japan Air Self-Defense Force', 'Japan Maritime Self-Defense Force'], weight: 7, industry: ['Kansai Heavy Industries Co.', 'Tokai Electronics K.K.'] },
  { code: 'AU', name: 'Australia', adjective: 'Australian', weight: 7, industry: ['Southern Cross Defence Pty Ltd', 'Murray Systems Pty Ltd'] },
  { code: 'DE', name: 'Germany', adjective: 'German', weight: 6, industry: ['Rheinwerk Wehrtechnik GmbH', 'Nordlicht Optronik GmbH'] },
  { code: 'KR', name: 'Republic of Korea', adjective: 'Republic of Korea', weight: 6, industry: ['Hanbit Aerospace Co.', 'Daejin Defense Systems'] },
  { code: 'IL', name: 'Israel', adjective: 'Israeli', weight: 5, industry: ['Negev Defense Industries Ltd', 'Carmel Electro-Optics Ltd'] },
  { code: 'SA', name: 'Saudi Arabia', adjective: 'Royal Saudi', weight: 5, industry: ['Arabian Defense Integration Co.'] },
  { code: 'AE', name: 'United Arab Emirates', adjective: 'UAE', weight: 4, industry: ['Gulf Defence Systems LLC', 'Falcon Logistics FZE'] },
  { code: 'FR', name: 'France', adjective: 'French', weight: 4, industry: ['Avionique de Provence SA', 'Systèmes Navals du Nord SAS'] },
  { code: 'IT', name: 'Italy', adjective: 'Italian', weight: 4, industry: ['Aeronautica Tirrenica SpA', 'Elettronica Padana Srl'] },
  { code: 'NL', name: 'Netherlands', adjective: 'Royal Netherlands', weight: 3, industry: ['Rijnmond Defence Logistics BV'] },
  { code: 'NO', name: 'Norway', adjective: 'Norwegian', weight: 3, industry: ['Fjord Missile Systems AS'] },
  { code: 'TW', name: 'Taiwan', adjective: 'Taiwan', weight: 4, industry: ['Formosa Aerospace Industrial Corp.'] },
  { code: 'IN', name: 'India', adjective: 'Indian', weight: 3, industry: ['Deccan Aeronautics Ltd', 'Bharat Optical Systems Pvt Ltd'] },
  { code: 'SG', name: 'Singapore', adjective: 'Republic of Singapore', weight: 3, industry: ['Lion City Defence Pte Ltd', 'Straits Logistics Pte Ltd'] },
  { code: 'PL', name: 'Poland', adjective: 'Polish', weight: 3, industry: ['Wisła Zbrojenia S.A.'] },
  { code: 'ES', name: 'Spain', adjective: 'Spanish', weight: 2, industry: ['Ibérica de Defensa S.A.'] },
  { code: 'SE', name: 'Sweden', adjective: 'Swedish', weight: 2, industry: ['Norrland Försvarsteknik AB'] },
  { code: 'TR', name: 'Türkiye', adjective: 'Turkish', weight: 2, industry: ['Anadolu Savunma A.Ş.'] },
  { code: 'QA', name: 'Qatar', adjective: 'Qatari Emiri', weight: 2, industry: ['Doha Defence Services WLL'] },
  { code: 'KW', name: 'Kuwait', adjective: 'Kuwait', weight: 2, industry: ['Kuwait Defence Supply Co.'] },
  { code: 'EG', name: 'Egypt', adjective: 'Egyptian', weight: 2, industry: ['Nile Arsenal Co.'] },
  { code: 'JO', name: 'Jordan', adjective: 'Jordanian', forces: ['Jordan Armed Forces'], weight: 1.5, industry: ['Amman Defence Maintenance Co.'] },
  { code: 'BR', name: 'Brazil', adjective: 'Brazilian', weight: 1.5, industry: ['Aeroespacial Paulista Ltda.'] },
  { code: 'MX', name: 'Mexico', adjective: 'Mexican', weight: 1.5, industry: ['Sistemas de Defensa del Bajío S.A. de C.V.'] },
  { code: 'CO', name: 'Colombia', adjective: 'Colombian', weight: 1, industry: ['Andina Aeronáutica S.A.S.'] },
  { code: 'PH', name: 'Philippines', adjective: 'Philippine', weight: 1, industry: ['Luzon Defense Supply Inc.'] },
  { code: 'TH', name: 'Thailand', adjective: 'Royal Thai', weight: 1, industry: ['Chao Phraya Defence Co., Ltd.'] },
  { code: 'MY', name: 'Malaysia', adjective: 'Malaysian', weight: 1, industry: ['Semenanjung Pertahanan Sdn Bhd'] },
  { code: 'ID', name: 'Indonesia', adjective: 'Indonesian', weight: 1, industry: ['Nusantara Dirgantara PT'] },
  { code: 'VN', name: 'Viet Nam', adjective: 'Vietnamese', weight: 1, industry: ['Song Hong Technical Services JSC'] },
  { code: 'CL', name: 'Chile', adjective: 'Chilean', weight: 1, industry: ['Astilleros del Pacífico S.A.'] },
  { code: 'MA', name: 'Morocco', adjective: 'Royal Moroccan', weight: 1, industry: ['Atlas Maintenance Aéronautique SA'] },
  { code: 'NZ', name: 'New Zealand', adjective: 'New Zealand', weight: 1, industry: ['Aotearoa Defence Services Ltd'] },
  { code: 'DK', name: 'Denmark', adjective: 'Danish', weight: 1, industry: ['Øresund Forsvarsteknik A/S'] },
  { code: 'IQ', name: 'Iraq', adjective: 'Iraqi', weight: 1, industry: ['Tigris Logistics Co.'] },
  { code: 'KH', name: 'Cambodia', adjective: 'Royal Cambodian', weight: 1.5, industry: ['Mekong Technical Supply Co., Ltd.', 'Cambodian Mine Action Centre'] },
  { code: 'LB', name: 'Lebanon', adjective: 'Lebanese', weight: 0.5, industry: ['Cedar Security Supply SARL'] },
  { code: 'CY', name: 'Cyprus', adjective: 'Cypriot', forces: ['Cypriot National Guard'], weight: 0.5, industry: ['Limassol Marine Systems Ltd'] },
  { code: 'CN', name: 'China', adjective: 'PLA', weight: 0.3, industry: ['Pearl River Electronics Co., Ltd.'] },
];

/** Where a second or third party of a case often sits: integrators and freight forwarders. */
export const HUB_COUNTRIES = ['GB', 'DE', 'NL', 'SG', 'AE', 'FR', 'IT'] as const;

/** The government end users of a destination. */
export function governmentEndUsers(destination: Destination): string[] {
  const forces = destination.forces ?? ['Army', 'Air Force', 'Navy'].map((arm) => `${destination.adjective} ${arm}`);
  return [`Ministry of Defence of ${destination.name}`, ...forces, `${destination.name} National Police`];
}

/** US applicants: invented companies with a DDTC registration code each. */
export const APPLICANTS: ReadonlyArray<{ readonly name: string; readonly registrationCode: string }> = [
  'Acme Defense Systems LLC', 'Northwind Avionics Inc.', 'Granite Peak Defense LLC', 'Blue Ridge Optronics Corp.',
  'Cascade Munitions Inc.', 'Liberty Tactical Communications LLC', 'Redstone Propulsion Co.', 'Harbor Point Marine Systems Inc.',
  'Sierra Vista Sensors LLC', 'Ironclad Armor Technologies Inc.', 'Keystone Rotorcraft Services LLC', 'Pioneer Satellite Components Inc.',
  'Lone Star Ordnance LLC', 'Great Lakes Electronics Corp.', 'Summit Training & Simulation Inc.', 'Bayou Logistics Support LLC',
  'Coastal Radar Systems Inc.', 'Patriot Night Vision LLC', 'Mesa Guidance Systems Corp.', 'Allegheny Vehicle Systems Inc.',
  'Evergreen Space Technologies LLC', 'Chesapeake Naval Engineering Inc.', 'Prairie Firearms Manufacturing Co.', 'Atlas Cyber Defense LLC',
].map((name, index) => ({ name, registrationCode: `M${String(17_000 + index * 389).padStart(5, '0')}` }));

/** What a case exports: USML categories (22 CFR §121.1), typical value range (USD), how often it is major defense equipment. */
export interface Commodity {
  readonly categories: readonly UsmlCategory[];
  readonly description: string;
  readonly valueUsd: readonly [number, number];
  readonly majorDefenseEquipment: number;
  readonly weight: number;
  /** An end use that is also a §126.1 exception, and how often the case claims it. */
  readonly endUse?: readonly [EndUseCode, number];
}

export const COMMODITIES: readonly Commodity[] = [
  { categories: ['XI'], description: 'Tactical radios, encryption modules and spares', valueUsd: [40_000, 8_000_000], majorDefenseEquipment: 0, weight: 14 },
  { categories: ['XII'], description: 'Night vision goggles and thermal weapon sights', valueUsd: [60_000, 12_000_000], majorDefenseEquipment: 0, weight: 10 },
  { categories: ['VIII'], description: 'Spare parts and support equipment for fighter aircraft', valueUsd: [150_000, 60_000_000], majorDefenseEquipment: 0.05, weight: 14 },
  { categories: ['VIII', 'XI'], description: 'Avionics upgrade kits for transport aircraft', valueUsd: [500_000, 90_000_000], majorDefenseEquipment: 0.2, weight: 5 },
  { categories: ['IV'], description: 'Guided missile components and test equipment', valueUsd: [1_000_000, 250_000_000], majorDefenseEquipment: 0.6, weight: 6 },
  { categories: ['VII'], description: 'Armoured vehicle spare parts and repair kits', valueUsd: [80_000, 30_000_000], majorDefenseEquipment: 0.1, weight: 7 },
  { categories: ['I'], description: 'Rifles, carbines and spare barrels', valueUsd: [20_000, 4_000_000], majorDefenseEquipment: 0, weight: 6 },
  { categories: ['III'], description: 'Small-arms and medium-calibre ammunition', valueUsd: [30_000, 9_000_000], majorDefenseEquipment: 0, weight: 5 },
  { categories: ['VI'], description: 'Naval gun mount components and fire-control spares', valueUsd: [200_000, 40_000_000], majorDefenseEquipment: 0.15, weight: 4 },
  { categories: ['XV'], description: 'Satellite bus components and ground-station equipment', valueUsd: [300_000, 80_000_000], majorDefenseEquipment: 0, weight: 3, endUse: ['government-space-cooperation', 0.3] },
  { categories: ['X'], description: 'Ballistic helmets and body armour plates', valueUsd: [25_000, 3_000_000], majorDefenseEquipment: 0, weight: 5, endUse: ['protective-equipment', 0.5] },
  { categories: ['IV', 'XIII'], description: 'Mine detection and explosive ordnance disposal equipment', valueUsd: [30_000, 2_500_000], majorDefenseEquipment: 0, weight: 3, endUse: ['humanitarian-demining', 0.7] },
  { categories: ['IX'], description: 'Simulators and training for a weapons system', valueUsd: [100_000, 20_000_000], majorDefenseEquipment: 0, weight: 4, endUse: ['un-peacekeeping', 0.05] },
  { categories: ['XIII'], description: 'Police tactical equipment and materials', valueUsd: [15_000, 1_500_000], majorDefenseEquipment: 0, weight: 3, endUse: ['government-security-forces', 0.4] },
];

/** DDTC licence types (22 CFR Parts 123–125) and agreements (Part 124), with their share of the caseload. */
export const LICENCE_TYPE_SHARES: ReadonlyArray<readonly [LicenceType, number]> = [
  ['DSP-5', 64],
  ['DSP-73', 8],
  ['DSP-61', 5],
  ['DSP-85', 3],
  ['TAA', 13],
  ['MLA', 5],
  ['WDA', 2],
];

/** The agencies a case is staffed to (docs/regulation.md §5, step 4). */
export const AGENCIES = ['DTSA', 'STATE-DRL', 'STATE-RSAT', 'STATE-ISN'] as const;

export const PROVISOS = [
  'No retransfer or re-export without the prior written approval of DDTC',
  'Hardware limited to the quantities and end user stated in the application',
  'Technical data limited to form, fit and function; no manufacturing know-how',
  'Delivery only after the end user signs a DSP-83 non-transfer and use certificate',
  'Source code and cryptographic keys are not authorised for export',
] as const;

export const DENIAL_REASONS = [
  'Foreign policy concerns about the end user (22 CFR 126.7)',
  'The end user could not be verified by the post-shipment check programme',
  'Risk of diversion to a prohibited destination',
  'Contrary to the policy of denial of 22 CFR 126.1',
] as const;

export const RETURN_REASONS = [
  'Missing DSP-83 non-transfer and use certificate',
  'Commodity jurisdiction unclear: submit a CJ determination first',
  'Incomplete purchase documentation',
  'Applicant registration lapsed at the time of submission',
] as const;

export const WITHDRAWAL_REASONS = [
  'Programme cancelled by the foreign customer',
  'Contract awarded to another supplier',
  'Superseded by a new application with revised quantities',
] as const;

export const SUSPENSION_REASONS = ['Investigation of a possible unauthorised retransfer (22 CFR 126.7)', 'End user placed under review'] as const;
export const REVOCATION_REASONS = ['Unauthorised retransfer confirmed (22 CFR 126.7)', 'False statement in the application (22 CFR 127.2)'] as const;

/** The people who act on cases. */
export const INTAKE_CLERKS = 12;
export const CASE_OFFICERS = 60;
export const SUPERVISORS = 6;
