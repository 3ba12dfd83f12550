import { nameUuid, orgNumber, prng } from '../lib/prng.mjs';

/*
 * The part of the data set that is small enough to build in JavaScript and send as arrays
 * (suppliers, assessors, products, the sub-processor graph, subscriptions): names need word lists
 * and a Luhn digit, the graph needs to know which products reach the incident hub. Everything large
 * (assessments, findings, remediations, evidence) is generated in SQL from these rows.
 */

const SUPPLIER_WORDS = [
  'Norrsken',
  'Fjäll',
  'Skärgård',
  'Ek',
  'Björk',
  'Lin',
  'Sjö',
  'Älv',
  'Dal',
  'Berg',
  'Myr',
  'Hav',
  'Strand',
  'Ljung',
  'Gran',
  'Tall',
  'Vind',
  'Moln',
  'Kust',
  'Ö',
  'Sten',
  'Brygg',
  'Kvarn',
  'Hamn',
];
const SUPPLIER_KINDS = [
  'Data',
  'System',
  'IT',
  'Digital',
  'Mjukvara',
  'Tech',
  'Konsult',
  'Nät',
  'Cloud',
  'Info',
];
const SUPPLIER_FORMS = ['AB', 'AB', 'AB', 'HB', 'Group AB', 'Sverige AB', 'Nordic AB'];

const PRODUCT_WORDS = [
  'Skolportal',
  'Elevregister',
  'Omsorgsjournal',
  'Lönesystem',
  'Ekonomi',
  'Ärendehantering',
  'Dokumenthantering',
  'Bokning',
  'E-tjänsteplattform',
  'Kundtjänst',
  'Larmsystem',
  'Schemaläggning',
  'Hemtjänstplanering',
  'Bygglov',
  'Diarium',
  'Rekrytering',
  'Intranät',
  'E-post',
  'Videomöte',
  'Lärplattform',
  'Fakturahantering',
  'Upphandling',
  'Kartdata',
  'Fastighetsdrift',
  'Telefoni',
  'Identitetshantering',
  'Säkerhetskopiering',
  'Loggplattform',
  'Analys',
  'Inköp',
];
const PRODUCT_EDITIONS = [
  '',
  '',
  ' Pro',
  ' Cloud',
  ' Plus',
  ' Enterprise',
  ' Kommun',
  ' Mobil',
  ' 365',
  ' Go',
];
const PLATFORM_WORDS = [
  'Moln',
  'Hosting',
  'Datacenter',
  'Drift',
  'Lagring',
  'Nätverk',
  'CDN',
  'Identitet',
  'Meddelande',
  'Databas',
];

const BASIC = ['CONTACT_DETAILS', 'NO_PERSONAL_DATA'];
const ELEVATED = ['PERSONAL_IDENTITY_NUMBERS', 'EMPLOYMENT_RECORDS', 'FINANCIAL'];
const HIGH = ['HEALTH_AND_REHABILITATION', 'PROTECTED_IDENTITIES', 'CHILDREN'];
const TIER_RANK = { BASIC: 1, ELEVATED: 2, HIGH: 3 };
const HOSTING = [['SE'], ['SE'], ['SE'], ['SE', 'FI'], ['SE', 'DK'], ['IE', 'NL'], ['DE'], ['SE', 'US']];

/** Share of products at each sub-processor depth (0: a platform others rely on; 'none': no sub-processor). */
const LEVELS = [
  [0, 0.005],
  [1, 0.1],
  [2, 0.15],
  [3, 0.15],
  [4, 0.1],
  [5, 0.05],
];

function categoriesFor(random, platform) {
  if (platform) return random.chance(0.5) ? ['NO_PERSONAL_DATA'] : ['CONTACT_DETAILS'];
  const roll = random.next();
  const set = new Set([random.pick(BASIC)]);
  if (roll >= 0.25) set.add(random.pick(ELEVATED));
  if (roll >= 0.6) set.add(random.pick(HIGH));
  if (random.chance(0.3)) set.add(random.pick(roll >= 0.6 ? HIGH : ELEVATED));
  // NO_PERSONAL_DATA beside personal data would be odd: drop it then.
  if (set.size > 1) set.delete('NO_PERSONAL_DATA');
  return [...set];
}

function categoryTier(categories) {
  if (categories.some((c) => HIGH.includes(c))) return 'HIGH';
  if (categories.some((c) => ELEVATED.includes(c))) return 'ELEVATED';
  return 'BASIC';
}

export function buildCatalog(seed, scale) {
  const random = prng(seed);
  const suppliers = [];
  for (let i = 0; i < scale.suppliers; i++) {
    const name = `${random.pick(SUPPLIER_WORDS)}${random.pick(SUPPLIER_KINDS).toLowerCase()} ${random.pick(SUPPLIER_FORMS)}`;
    suppliers.push({ id: nameUuid(`supplier:${i}`), name, orgNumber: orgNumber('556', i + 1) });
  }
  const assessors = [];
  for (let i = 0; i < scale.assessors; i++) {
    assessors.push({
      id: nameUuid(`assessor:${i}`),
      name: `${random.pick(SUPPLIER_WORDS)} Granskning ${i + 1} AB`,
      orgNumber: orgNumber('559', i + 1),
    });
  }

  // Products are numbered by depth, so a product's sub-processors always come before it.
  const n = scale.products;
  const levelOf = [];
  for (const [level, share] of LEVELS) {
    const count = level === 0 ? Math.max(5, Math.round(n * share)) : Math.round(n * share);
    for (let i = 0; i < count; i++) levelOf.push(level);
  }
  while (levelOf.length < n) levelOf.push(-1);
  const byLevel = new Map();
  levelOf.forEach((level, i) => {
    if (!byLevel.has(level)) byLevel.set(level, []);
    byLevel.get(level).push(i);
  });

  const products = [];
  const namesBySupplier = new Map();
  const edges = [];
  for (let i = 0; i < n; i++) {
    const level = levelOf[i];
    const platform = level === 0;
    // A few suppliers have many products, most have one or two.
    const supplierIndex = random.chance(0.2)
      ? random.int(Math.max(1, Math.floor(scale.suppliers / 50)))
      : random.int(scale.suppliers);
    const supplier = suppliers[supplierIndex];
    const base = platform
      ? `${random.pick(SUPPLIER_WORDS)} ${random.pick(PLATFORM_WORDS)}plattform`
      : `${random.pick(PRODUCT_WORDS)}${random.pick(PRODUCT_EDITIONS)}`;
    const used = namesBySupplier.get(supplier.id) ?? new Set();
    let name = i === 0 ? 'Nordmoln Plattform' : base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base} ${k}`;
    used.add(name.toLowerCase());
    namesBySupplier.set(supplier.id, used);
    const categories = categoriesFor(random, platform);
    const id = nameUuid(`product:${i}`);
    products.push({
      id,
      index: i,
      level,
      supplierId: supplier.id,
      name,
      description: platform ? 'Infrastructure that other products rely on.' : `${name} för offentlig sektor.`,
      categories,
      categoryTier: categoryTier(categories),
      hosting: random.pick(HOSTING),
    });
    if (level >= 1) {
      // The hub (product 0) underlies ~30% of first-level products, and so their whole chains.
      const parents = byLevel.get(level - 1);
      const first = level === 1 && random.chance(0.3) ? 0 : parents[random.int(parents.length)];
      edges.push([i, first]);
      if (random.chance(0.1)) {
        const platforms = byLevel.get(0);
        const second = platforms[random.int(platforms.length)];
        if (second !== first) edges.push([i, second]);
      }
    }
  }
  // Effective tiers: a product is never lower than anything it relies on (children come first).
  const subsOf = new Map();
  for (const [from, to] of edges) {
    if (!subsOf.has(from)) subsOf.set(from, []);
    subsOf.get(from).push(to);
  }
  for (const product of products) {
    let rank = TIER_RANK[product.categoryTier];
    for (const sub of subsOf.get(product.index) ?? []) rank = Math.max(rank, TIER_RANK[products[sub].tier]);
    product.tier = Object.keys(TIER_RANK).find((t) => TIER_RANK[t] === rank);
  }
  // Which products reach the hub (through any chain): an incident on it exposes their subscribers.
  const reachesHub = new Set([0]);
  for (const product of products) {
    if ((subsOf.get(product.index) ?? []).some((sub) => reachesHub.has(sub))) reachesHub.add(product.index);
  }
  return {
    suppliers,
    assessors,
    products,
    edges: edges.map(([from, to]) => [products[from].id, products[to].id]),
    hubTree: [...reachesHub].filter((i) => i !== 0),
  };
}

/** Greatest common divisor, for strides that visit every product once. */
function gcd(a, b) {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * `perCustomer` distinct products per customer; the first always relies on the hub, so an incident
 * on the hub exposes every customer. A stride walk keeps them distinct without a per-customer set scan.
 */
export function buildSubscriptions(seed, customers, catalog, perCustomer) {
  const random = prng(seed ^ 0x5eed);
  const n = catalog.products.length;
  const rows = [];
  for (const customer of customers) {
    const first = catalog.hubTree[random.int(catalog.hubTree.length)];
    const chosen = [first];
    let stride = 1 + random.int(n - 1);
    while (gcd(stride, n) !== 1) stride = (stride % (n - 1)) + 1;
    let at = random.int(n);
    while (chosen.length < Math.min(perCustomer, n)) {
      at = (at + stride) % n;
      if (at !== first) chosen.push(at);
    }
    for (const index of chosen) {
      const product = catalog.products[index];
      const take = 1 + random.int(product.categories.length);
      rows.push({
        id: nameUuid(`subscription:${customer}:${index}`),
        productId: product.id,
        subscriberId: customer,
        categories: product.categories.slice(0, take),
      });
    }
  }
  return rows;
}
