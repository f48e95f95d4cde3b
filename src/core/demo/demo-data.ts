import type { AffiliateStatus } from '../affiliates/status.ts';

/** The demo program: two brands with their links and banners, and affiliates of every kind. */

export interface DemoBrand {
  name: string;
  currency: string;
  site: string;
  colours: { background: `#${string}`; accent: `#${string}` };
  offer: string;
}

export const DEMO_BRANDS: DemoBrand[] = [
  {
    name: 'Lucky Star Casino',
    currency: 'EUR',
    site: 'https://luckystar.example',
    colours: { background: '#1b2a6b', accent: '#f5c518' },
    offer: '100% up to €200',
  },
  {
    name: 'Golden Goal Sports',
    currency: 'USD',
    site: 'https://goldengoal.example',
    colours: { background: '#0f5132', accent: '#ffd166' },
    offer: 'Bet $10, get $30',
  },
];

export const DEMO_LINKS = [
  { name: 'Home page', link_type: 'home_page', path: '/?btag={{click_id}}' },
  {
    name: 'Welcome bonus',
    link_type: 'landing_page',
    path: '/welcome?btag={{click_id}}&aff={{affiliate_id}}&s1={{sub1}}',
  },
  { name: 'Sign-up', link_type: 'registration', path: '/register?btag={{click_id}}' },
] as const;

/** Banner slots: the common IAB sizes, one PNG and one SVG of each per brand. */
export const DEMO_BANNER_SIZES = [
  { width: 300, height: 250 },
  { width: 728, height: 90 },
  { width: 160, height: 600 },
] as const;

export interface DemoAffiliate {
  name: string;
  status: AffiliateStatus;
  country: string;
  website: string;
  owner: { first_name: string; last_name: string };
  /** How much traffic it sends, relative to the others. */
  weight: number;
}

export const DEMO_AFFILIATES: DemoAffiliate[] = [
  {
    name: 'Nordic Bonus Hunters',
    status: 'active',
    country: 'SE',
    website: 'https://nordicbonus.example',
    owner: { first_name: 'Astrid', last_name: 'Lind' },
    weight: 9,
  },
  {
    name: 'Casino Review Hub',
    status: 'active',
    country: 'GB',
    website: 'https://casinoreviewhub.example',
    owner: { first_name: 'Oliver', last_name: 'Hughes' },
    weight: 7,
  },
  {
    name: 'Slots Streamers',
    status: 'active',
    country: 'DE',
    website: 'https://slotsstreamers.example',
    owner: { first_name: 'Lena', last_name: 'Fischer' },
    weight: 5,
  },
  {
    name: 'GoalLine Media',
    status: 'active',
    country: 'NL',
    website: 'https://goalline.example',
    owner: { first_name: 'Daan', last_name: 'de Vries' },
    weight: 4,
  },
  {
    name: 'Betting Tips Daily',
    status: 'active',
    country: 'IE',
    website: 'https://bettingtipsdaily.example',
    owner: { first_name: 'Aoife', last_name: 'Byrne' },
    weight: 2,
  },
  {
    name: 'Jackpot Junction',
    status: 'suspended',
    country: 'FI',
    website: 'https://jackpotjunction.example',
    owner: { first_name: 'Mikko', last_name: 'Virtanen' },
    weight: 1,
  },
  {
    name: 'Fresh Spins Ltd',
    status: 'pending',
    country: 'MT',
    website: 'https://freshspins.example',
    owner: { first_name: 'Maria', last_name: 'Borg' },
    weight: 0,
  },
  {
    name: 'Penalty Kick Picks',
    status: 'pending',
    country: 'ES',
    website: 'https://penaltykick.example',
    owner: { first_name: 'Lucía', last_name: 'García' },
    weight: 0,
  },
];

/** Every demo portal user signs in with this password (shown by the command). */
export const DEMO_PASSWORD = 'Demo-Partner-2024!';

export const emailOf = (affiliate: DemoAffiliate) =>
  `${affiliate.owner.first_name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/g, '')}@${new URL(affiliate.website).host}`;
